using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>Reinstates a frozen certificate, with the reason (e.g. the investigation found no misuse).</summary>
public sealed record ReinstateCertificate(Guid CertificationId, string Reason, string Actor, DateTimeOffset At) : ICommand, IGivenForAReason
{
    Guid ICommand.StreamId => CertificationId;

    /// <summary>The day the certificate was reinstated; today in Asia/Jakarta when not given.</summary>
    public DateOnly? ReinstatedOn { get; init; }

    public static IReadOnlyList<object> Decide(Certification state, ReinstateCertificate command)
    {
        var reason = Text(command.Reason, "The reason for reinstating the certificate");
        var certificate = state.EnsureIssued();
        Require(state.Status == CertificateStatus.Frozen, state.Status switch
        {
            CertificateStatus.Valid => $"Certificate {certificate.Number} is valid, not frozen; there is nothing to reinstate.",
            _ => $"Certificate {certificate.Number} is {state.Status.ToString().ToLowerInvariant()}, not frozen; it cannot be reinstated.",
        });
        var day = state.DayOf(CertificationFacts.Reinstatement, command.ReinstatedOn, command.At);
        return [new CertificateReinstated(command.CertificationId, certificate.Number, reason, day, command.At)];
    }
}

/// <summary>
/// Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow, and schedules
/// the certificate's expiry (<see cref="CertificateExpiryDue"/>) in the same transaction.
/// </summary>
public static class ReinstateCertificateHandler
{
    public static async Task<CommandResult> Handle(ReinstateCertificate command, [WriteAggregate(Required = false)] IEventStream<Certification> certification,
        CommandAttempt attempt, IMessageContext messages, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(certification.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = attempt.Decide(certification);
        var events = ReinstateCertificate.Decide(state.State, command);
        attempt.Append(state, events);
        if (CertificateExpiryDue.After(state, events) is { } expiry) await expiry.ScheduleAsync(messages).ConfigureAwait(false);
        return attempt.Result();
    }
}
