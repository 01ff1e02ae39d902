namespace Ledger.Projections.Regencies;

/// <summary>A regency or city (kabupaten/kota) from the official list, with its province.</summary>
/// <param name="Code">The Ministry of Home Affairs code <c>PP.KK</c>, e.g. <c>36.04</c>.</param>
/// <param name="Kind"><c>kabupaten</c> or <c>kota</c>.</param>
/// <param name="ProvinceCode">The code's first two digits, e.g. <c>36</c>.</param>
public sealed record Regency(string Code, string Name, string Kind, string ProvinceCode, string ProvinceName)
{
    /// <summary>The province code of a regency code (<c>36.04</c> → <c>36</c>), whether or not the code is in the list.</summary>
    public static string ProvinceOf(string regencyCode) => regencyCode.Length >= 2 ? regencyCode[..2] : regencyCode;
}
