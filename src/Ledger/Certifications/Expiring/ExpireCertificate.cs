using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>Records that a certificate's validity has ended; refused while it is still within its dates.</summary>
public sealed record ExpireCertificate(Guid CertificationId, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => CertificationId;

    public static IReadOnlyList<object> Decide(Certification state, ExpireCertificate command)
    {
        var certificate = state.EnsureIssued();
        Require(state.Status != CertificateStatus.Expired, $"Certificate {certificate.Number} has already expired.");
        Require(Domain.Days.InJakarta(command.At) > certificate.ValidUntil,
            $"Certificate {certificate.Number} is valid until {certificate.ValidUntil:yyyy-MM-dd}; it cannot expire before then.");
        return [new CertificateExpired(command.CertificationId, certificate.Number, certificate.ValidUntil, command.At)];
    }
}

/// <summary>Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class ExpireCertificateHandler
{
    public static Task<CommandResult> Handle(ExpireCertificate command, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(certification, state => ExpireCertificate.Decide(state, command), ct);
}
