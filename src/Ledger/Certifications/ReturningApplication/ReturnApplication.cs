using Ledger.Certifications;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications
{
    /// <summary>Returns an incomplete application to the candidate, saying what is missing.</summary>
    public sealed record ReturnApplication(Guid CertificationId, string Reason, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Certification state, ReturnApplication command)
        {
            var reason = Text(command.Reason, "The reason for returning the application");
            state.EnsureOpen();
            Require(state.Application != ApplicationStatus.Accepted, "The application was already accepted; it can no longer be returned.");
            return [new ApplicationReturned(command.CertificationId, reason, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(ReturnApplication command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Certification>(command.CertificationId, command, command.Reason, options, state => ReturnApplication.Decide(state, command), ct);
    }
}
