using Ledger.Certifications;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications
{
    /// <summary>Revokes a certificate (pencabutan: an ethics breach, a final conviction, misuse), for good; the reason is required.</summary>
    public sealed record RevokeCertificate(Guid CertificationId, string Reason, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Certification state, RevokeCertificate command)
        {
            var reason = Text(command.Reason, "The reason for revoking the certificate");
            var certificate = state.EnsureIssued();
            Require(state.Status != CertificateStatus.Expired, $"Certificate {certificate.Number} has expired; there is nothing left to revoke.");
            return [new CertificateRevoked(command.CertificationId, certificate.Number, reason, command.Actor, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(RevokeCertificate command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Certification>(command.CertificationId, command, command.Reason, options, state => RevokeCertificate.Decide(state, command), ct);
    }
}
