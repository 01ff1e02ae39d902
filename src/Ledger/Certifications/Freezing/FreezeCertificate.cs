using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>Freezes an active certificate (pembekuan), e.g. while misuse is investigated; the reason is required.</summary>
public sealed record FreezeCertificate(Guid CertificationId, string Reason, string Actor, DateTimeOffset At) : ICommand, IGivenForAReason
{
    Guid ICommand.StreamId => CertificationId;

    /// <summary>The day the certificate was frozen; today in Asia/Jakarta when not given.</summary>
    public DateOnly? FrozenOn { get; init; }

    public static IReadOnlyList<object> Decide(Certification state, FreezeCertificate command)
    {
        var reason = Text(command.Reason, "The reason for freezing the certificate");
        var certificate = state.EnsureIssued();
        Require(state.Status != CertificateStatus.Frozen, $"Certificate {certificate.Number} is already frozen.");
        Require(state.Status != CertificateStatus.Expired, $"Certificate {certificate.Number} has expired; there is nothing to freeze.");
        var day = state.DayOf(CertificationFacts.Freeze, command.FrozenOn, command.At);
        return [new CertificateFrozen(command.CertificationId, certificate.Number, reason, day, command.At)];
    }
}

/// <summary>Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class FreezeCertificateHandler
{
    public static Task<CommandResult> Handle(FreezeCertificate command, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(certification, state => FreezeCertificate.Decide(state, command), ct);
}
