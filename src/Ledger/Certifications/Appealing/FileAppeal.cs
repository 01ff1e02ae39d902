using Ledger.Certifications;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications
{
    /// <summary>Files the candidate's appeal (banding, FR.AK.04) against the latest attempt, before the panel decides on it.</summary>
    public sealed record FileAppeal(Guid CertificationId, string Grounds, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Certification state, FileAppeal command)
        {
            var grounds = Text(command.Grounds, "The grounds of the appeal");
            state.EnsureOpen();
            var attempt = state.LatestAttempt ?? throw new Domain.DomainException("There is no assessment to appeal against.");
            Require(attempt.Appeal != AppealStatus.Open, $"An appeal against attempt {attempt.Number} is already open.");
            Require(attempt.Appeal == AppealStatus.None, $"Attempt {attempt.Number} has already been appealed against.");
            Require(attempt.Decision is null, $"Attempt {attempt.Number} has already been decided; an appeal must come before the decision.");
            return [new AppealFiled(command.CertificationId, attempt.Number, grounds, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(FileAppeal command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Certification>(command.CertificationId, command, command.Grounds, options, state => FileAppeal.Decide(state, command), ct);
    }
}
