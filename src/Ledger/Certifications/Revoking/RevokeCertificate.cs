using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>Revokes a certificate (pencabutan: an ethics breach, a final conviction, misuse), for good; the reason is required.</summary>
public sealed record RevokeCertificate(Guid CertificationId, string Reason, string Actor, DateTimeOffset At) : ICommand, IGivenForAReason
{
    Guid ICommand.StreamId => CertificationId;

    /// <summary>The day the certificate was revoked; today in Asia/Jakarta when not given.</summary>
    public DateOnly? RevokedOn { get; init; }

    public static IReadOnlyList<object> Decide(Certification state, RevokeCertificate command)
    {
        var reason = Text(command.Reason, "The reason for revoking the certificate");
        var certificate = state.EnsureIssued();
        Require(state.Status != CertificateStatus.Expired, $"Certificate {certificate.Number} has expired; there is nothing left to revoke.");
        var day = state.DayOf(CertificationFacts.Revocation, command.RevokedOn, command.At);
        return [new CertificateRevoked(command.CertificationId, certificate.Number, reason, command.Actor, day, command.At)];
    }
}

/// <summary>Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class RevokeCertificateHandler
{
    public static Task<CommandResult> Handle(RevokeCertificate command, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(certification, state => RevokeCertificate.Decide(state, command), ct);
}
