using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.PersonalData;
using JasperFx.Events;
using Ledger.Marten;
using Marten;

namespace Ledger.Api.Pages.Printing;

/// <summary>What the printed certificate shows; <see cref="HolderName"/> is null once the holder's personal data was erased.</summary>
public sealed record PrintableCertificate(
    string Number, string BlankoNumber, string? HolderName, string BusinessName, string Scheme, IReadOnlyList<string> Units,
    string IssuingLsp, DateOnly ValidFrom, DateOnly ValidUntil, CertificateStatus Status);

/// <summary>
/// Finds a certificate by its number from the ledger itself: the issuing LSP's numbering stream for the year
/// names the certification (the serial is the event's version there), whose stream holds the certificate; the
/// holder's name is revealed from the artisan stream.
/// </summary>
public sealed class PrintableCertificateQuery(IQuerySession session, PersonalDataProtector protector)
{
    public async Task<PrintableCertificate?> FindAsync(CertificateNumber number, CancellationToken ct = default)
    {
        var numbering = CertificateNumbering.StreamIdFor(number.LspCode, number.Year);
        var text = number.ToString();
        CertificateNumberAssigned? Assigned(IEnumerable<IEvent> events) =>
            events.Select(e => e.Data).OfType<CertificateNumberAssigned>().FirstOrDefault(a => a.CertificateNumber == text);
        // Each serial is taken by one event, in order, so serial n is the stream's version n: read that one event.
        // No event there means the serial was never taken; the whole stream is read only if it holds something else.
        var at = await session.Events.FetchStreamAsync(numbering, number.Serial, fromVersion: number.Serial, token: ct).ConfigureAwait(false);
        if (at.Count == 0) return null;
        if ((Assigned(at) ?? Assigned(await session.Events.FetchStreamAsync(numbering, token: ct).ConfigureAwait(false))) is not { } assigned)
            return null;
        if (await session.ReadStateAsync<Certification>(assigned.CertificationId, ct: ct).ConfigureAwait(false) is not { State.Certificate: { } certificate } certification)
            return null;

        var artisan = await session.ReadStateAsync<Artisan>(certification.State.ArtisanId, ct: ct).ConfigureAwait(false);
        string? name = null;
        if (artisan is { State: { Erased: false } a })
        {
            var revealed = await protector.RevealAsync(a.Id, a.SealedName, ct).ConfigureAwait(false);
            name = revealed.IsErased ? null : revealed.Value;
        }
        return new PrintableCertificate(certificate.Number, certificate.BlankoNumber, name, artisan?.State.BusinessName ?? "",
            certificate.SchemeCode, certificate.Units, certificate.IssuingLsp, certificate.ValidFrom, certificate.ValidUntil,
            certification.State.Status);
    }
}
