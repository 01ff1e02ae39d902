namespace Ledger.Projections.RegencyTotals;

/// <summary>Certified artisans in one regency, year of issue and scheme; the names come from the official list (the code when unknown).</summary>
public sealed record RegencyTotal(int Year, string RegencyCode, string RegencyName, string ProvinceCode, string ProvinceName,
    string Scheme, int Issued, int Valid, int Revoked);

/// <summary>The same, rolled up per province (the regency code's first two digits).</summary>
public sealed record ProvinceTotal(int Year, string ProvinceCode, string ProvinceName, string Scheme, int Issued, int Valid, int Revoked);

/// <summary>The same, rolled up nationally.</summary>
public sealed record NationalTotal(int Year, string Scheme, int Issued, int Valid, int Revoked);
