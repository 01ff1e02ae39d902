using Ledger.Certifications;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications
{
    /// <summary>Accepts the application (FR.APL.01) and self-assessment (FR.APL.02) as complete, including a resubmission after a return.</summary>
    public sealed record AcceptApplication(Guid CertificationId, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Certification state, AcceptApplication command)
        {
            state.EnsureOpen();
            Require(state.Application != ApplicationStatus.Accepted, "The application is already accepted.");
            return [new ApplicationAccepted(command.CertificationId, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(AcceptApplication command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Certification>(command.CertificationId, command, null, options, state => AcceptApplication.Decide(state, command), ct);
    }
}
