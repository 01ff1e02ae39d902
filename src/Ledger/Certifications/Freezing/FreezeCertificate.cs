using Ledger.Certifications;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications
{
    /// <summary>Freezes an active certificate (pembekuan), e.g. while misuse is investigated; the reason is required.</summary>
    public sealed record FreezeCertificate(Guid CertificationId, string Reason, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Certification state, FreezeCertificate command)
        {
            var reason = Text(command.Reason, "The reason for freezing the certificate");
            var certificate = state.EnsureIssued();
            Require(state.Status != CertificateStatus.Frozen, $"Certificate {certificate.Number} is already frozen.");
            Require(state.Status != CertificateStatus.Expired, $"Certificate {certificate.Number} has expired; there is nothing to freeze.");
            return [new CertificateFrozen(command.CertificationId, certificate.Number, reason, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(FreezeCertificate command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Certification>(command.CertificationId, command, command.Reason, options, state => FreezeCertificate.Decide(state, command), ct);
    }
}
