using Ledger.Certifications;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications
{
    /// <summary>Reinstates a frozen certificate, with the reason (e.g. the investigation found no misuse).</summary>
    public sealed record ReinstateCertificate(Guid CertificationId, string Reason, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Certification state, ReinstateCertificate command)
        {
            var reason = Text(command.Reason, "The reason for reinstating the certificate");
            var certificate = state.EnsureIssued();
            Require(state.Status == CertificateStatus.Frozen, state.Status switch
            {
                CertificateStatus.Active => $"Certificate {certificate.Number} is valid, not frozen; there is nothing to reinstate.",
                _ => $"Certificate {certificate.Number} is {state.Status.ToString().ToLowerInvariant()}, not frozen; it cannot be reinstated.",
            });
            return [new CertificateReinstated(command.CertificationId, certificate.Number, reason, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(ReinstateCertificate command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Certification>(command.CertificationId, command, command.Reason, options, state => ReinstateCertificate.Decide(state, command), ct);
    }
}
