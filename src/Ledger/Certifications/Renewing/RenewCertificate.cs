using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>
/// Renews a certificate after re-certification (a K decision on an attempt made since it was issued or last
/// renewed): a new blanko and 3 new years from the day of renewal (<see cref="RenewedOn"/>, today in Asia/Jakarta when
/// not given). An active certificate can be renewed in the last 6 months of its validity; an expired one at any time.
/// </summary>
public sealed record RenewCertificate(Guid CertificationId, string BlankoNumber, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => CertificationId;

    public static readonly int RenewalWindowMonths = 6;

    /// <summary>The day of renewal, from which the new validity runs; today in Asia/Jakarta when not given.</summary>
    public DateOnly? RenewedOn { get; init; }

    public static IReadOnlyList<object> Decide(Certification state, RenewCertificate command)
    {
        var blanko = Text(command.BlankoNumber, "The blanko (security form) number");
        var certificate = state.EnsureIssued();
        Require(state.Status != CertificateStatus.Frozen, $"Certificate {certificate.Number} is frozen; it cannot be renewed until it is reinstated.");
        Require(state.CompetentSinceCertified,
            $"Renewing certificate {certificate.Number} needs a K decision on a re-certification assessment first.");
        var day = state.DayOf(CertificationFacts.Renewal, command.RenewedOn, command.At);
        if (state.Status == CertificateStatus.Valid && day <= certificate.ValidUntil)
            Require(day > certificate.ValidUntil.AddMonths(-RenewalWindowMonths),
                $"Certificate {certificate.Number} is valid until {certificate.ValidUntil:yyyy-MM-dd}; it can be renewed from {certificate.ValidUntil.AddMonths(-RenewalWindowMonths).AddDays(1):yyyy-MM-dd}.");
        return
        [
            new CertificateRenewed(command.CertificationId, certificate.Number, blanko, state.LatestAttempt!.Number,
                day, IssueCertificate.ValidUntil(day), command.At),
        ];
    }
}

/// <summary>
/// Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow, and schedules
/// the certificate's expiry (<see cref="CertificateExpiryDue"/>) in the same transaction.
/// </summary>
public static class RenewCertificateHandler
{
    public static async Task<CommandResult> Handle(RenewCertificate command, [WriteAggregate(Required = false)] IEventStream<Certification> certification,
        CommandAttempt attempt, IMessageContext messages, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(certification.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = attempt.Decide(certification);
        var events = RenewCertificate.Decide(state.State, command);
        attempt.Append(state, events);
        if (CertificateExpiryDue.After(state, events) is { } expiry) await expiry.ScheduleAsync(messages).ConfigureAwait(false);
        return attempt.Result();
    }
}
