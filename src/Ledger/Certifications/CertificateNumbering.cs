using Ledger.Domain;

namespace Ledger.Certifications;

/// <summary>A certificate number was taken from the issuing LSP's sequence for the year, for one certification issued on <see cref="IssuedOn"/>.</summary>
public sealed record CertificateNumberAssigned(
    Guid NumberingId,
    string LspCode,
    int Year,
    int Serial,
    string CertificateNumber,
    Guid CertificationId,
    DateOnly? IssuedOn,
    DateTimeOffset AssignedAt) : IDatedFact
{
    [System.Text.Json.Serialization.JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(IssuedOn, AssignedAt);
}

/// <summary>
/// The numbering stream of one LSP in one year. Issuance appends to it in the same unit of work as the
/// certificate, at the version it read, so two issuances can never take the same serial.
/// </summary>
public sealed record CertificateNumbering(int LastSerial) : IAggregate<CertificateNumbering>
{
    public static CertificateNumbering Initial { get; } = new(0);

    /// <summary>The numbering stream's id (Marten keys every folded state by its stream).</summary>
    public Guid Id { get; init; }

    public static CertificateNumbering Fold(CertificateNumbering state, object @event) => @event switch
    {
        CertificateNumberAssigned e => new(e.Serial) { Id = e.NumberingId },
        _ => state,
    };

    public static Guid StreamIdFor(string lspCode, int year) => DeterministicId.From("certificate-numbering", $"{lspCode.ToUpperInvariant()}/{year:D4}");

    /// <summary>The next number in this sequence.</summary>
    public CertificateNumber Next(string lspCode, int year)
    {
        if (LastSerial >= 999_999) throw new DomainException($"LSP {lspCode} has used up its certificate numbers for {year}.");
        return new CertificateNumber(lspCode, year, LastSerial + 1);
    }
}
