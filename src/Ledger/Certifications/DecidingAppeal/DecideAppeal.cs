using Ledger.Certifications;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications
{
    /// <summary>Decides the open appeal: upheld sets the attempt aside so that a new one can be made; dismissed leaves it to the panel.</summary>
    public sealed record DecideAppeal(Guid CertificationId, AppealOutcome Outcome, string Reason, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Certification state, DecideAppeal command)
        {
            var reason = Text(command.Reason, "The reason for the appeal's outcome");
            state.EnsureOpen();
            var attempt = state.LatestAttempt;
            Require(attempt is { Appeal: AppealStatus.Open }, "There is no open appeal to decide.");
            return [new AppealDecided(command.CertificationId, attempt!.Number, command.Outcome, reason, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(DecideAppeal command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Certification>(command.CertificationId, command, command.Reason, options, state => DecideAppeal.Decide(state, command), ct);
    }
}
