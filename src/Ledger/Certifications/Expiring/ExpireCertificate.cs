using Ledger.Certifications;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications
{
    /// <summary>Records that a certificate's validity has ended; refused while it is still within its dates.</summary>
    public sealed record ExpireCertificate(Guid CertificationId, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Certification state, ExpireCertificate command)
        {
            var certificate = state.EnsureIssued();
            Require(state.Status != CertificateStatus.Expired, $"Certificate {certificate.Number} has already expired.");
            Require(Domain.Days.Of(command.At) > certificate.ValidUntil,
                $"Certificate {certificate.Number} is valid until {certificate.ValidUntil:yyyy-MM-dd}; it cannot expire before then.");
            return [new CertificateExpired(command.CertificationId, certificate.Number, certificate.ValidUntil, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(ExpireCertificate command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Certification>(command.CertificationId, command, null, options, state => ExpireCertificate.Decide(state, command), ct);
    }
}
