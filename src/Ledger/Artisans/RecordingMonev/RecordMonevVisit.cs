using Ledger.Artisans;
using static Ledger.Domain.Rules;

namespace Ledger.Artisans
{
    /// <summary>Records a monitoring and evaluation (monev) visit by the regency agency and its findings.</summary>
    public sealed record RecordMonevVisit(Guid ArtisanId, DateOnly VisitedOn, string Officer, string Findings, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Artisan state, RecordMonevVisit command)
        {
            Text(command.Officer, "The officer who visited");
            Text(command.Findings, "The visit's findings");
            Require(command.VisitedOn <= Domain.Days.Of(command.At), $"A visit on {command.VisitedOn:yyyy-MM-dd} has not happened yet.");
            state.EnsureRegistered(command.ArtisanId);
            return [new MonevVisitRecorded(command.ArtisanId, command.VisitedOn, command.Officer.Trim(), command.Findings.Trim(), command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(RecordMonevVisit command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Artisan>(command.ArtisanId, command, null, options, state => RecordMonevVisit.Decide(state, command), ct);
    }
}
