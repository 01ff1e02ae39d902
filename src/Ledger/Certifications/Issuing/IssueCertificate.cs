using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>
/// Issues the certificate after a K decision: the next number of the issuing LSP for the year, the blanko
/// number, the scheme and the units assessed, valid for 3 years from the day of issue (<see cref="IssuedOn"/>, today in
/// Asia/Jakarta when not given). The number's year is the year of issue.
/// </summary>
public sealed record IssueCertificate(Guid CertificationId, string BlankoNumber, string IssuingLsp, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => CertificationId;

    public static readonly int ValidityYears = 3;

    public string LspCode => (IssuingLsp ?? "").Trim().ToUpperInvariant();

    /// <summary>The day of issue, from which the certificate is valid; today in Asia/Jakarta when not given.</summary>
    public DateOnly? IssuedOn { get; init; }

    /// <summary>The year whose numbering the certificate takes its number from: the year of issue.</summary>
    public int NumberingYear => EffectiveDates.DayOf(IssuedOn, At).Year;

    /// <summary>The issuance and the number it takes from the LSP's sequence for the year.</summary>
    public static Issuance Decide(Certification state, CertificateNumbering numbering, IssueCertificate command)
    {
        var blanko = Text(command.BlankoNumber, "The blanko (security form) number");
        Require(System.Text.RegularExpressions.Regex.IsMatch(command.LspCode, "^[A-Z0-9]{2,12}$"),
            $"'{command.IssuingLsp}' is not an LSP code: 2 to 12 letters or digits.");
        state.EnsureOpen();
        Require(state.Certificate is null, $"Certificate {state.Certificate?.Number} has already been issued for this certification; renew it instead.");
        var attempt = state.LatestAttempt;
        Require(attempt?.Decision == Competence.Competent, "No certificate can be issued without a K (competent) decision by the panel.");

        var day = state.DayOf(CertificationFacts.Issue, command.IssuedOn, command.At);
        var numberingId = CertificateNumbering.StreamIdFor(command.LspCode, day.Year);
        var number = numbering.Next(command.LspCode, day.Year);
        return new Issuance(
            [
                new CertificateIssued(command.CertificationId, number.ToString(), blanko, state.SchemeCode,
                    [.. attempt!.Units.Select(u => u.UnitCode)], command.LspCode, day, ValidUntil(day), command.At),
            ],
            numberingId,
            new CertificateNumberAssigned(numberingId, command.LspCode, day.Year, number.Serial, number.ToString(), command.CertificationId, day, command.At));
    }

    /// <summary>The last valid day of a certificate valid from <paramref name="from"/>.</summary>
    public static DateOnly ValidUntil(DateOnly from) => from.AddYears(ValidityYears).AddDays(-1);
}

/// <summary>What an issuance records: on the certification, and on the LSP's numbering stream for the year.</summary>
public sealed record Issuance(IReadOnlyList<object> Certification, Guid NumberingId, CertificateNumberAssigned Number);

/// <summary>
/// The certificate, its number and its expiry (<see cref="CertificateExpiryDue"/>) commit together; racing issuances
/// conflict on the numbering stream and take the next number.
/// </summary>
public static class IssueCertificateHandler
{
    public static async Task<CommandResult> Handle(IssueCertificate command, [WriteAggregate(Required = false)] IEventStream<Certification> certification,
        CommandAttempt attempt, IMessageContext messages, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(certification.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = attempt.Decide(certification);
        var numberingId = CertificateNumbering.StreamIdFor(string.IsNullOrWhiteSpace(command.LspCode) ? "NONE" : command.LspCode, command.NumberingYear);
        var numbering = await attempt.FetchAsync<CertificateNumbering>(numberingId, ct).ConfigureAwait(false);
        var issuance = IssueCertificate.Decide(state.State, numbering.State, command);
        attempt.Append(state, issuance.Certification);
        attempt.Append(numbering, [issuance.Number]);
        if (CertificateExpiryDue.After(state, issuance.Certification) is { } expiry) await expiry.ScheduleAsync(messages).ConfigureAwait(false);
        return attempt.Result();
    }
}
