using Ledger.Artisans;
using Ledger.PersonalData;
using static Ledger.Domain.Rules;

namespace Ledger.Artisans
{
    /// <summary>Erases an artisan's personal data on request: records why, and destroys their key in the same transaction.</summary>
    public sealed record ErasePersonalData(Guid ArtisanId, string Reason, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Artisan state, ErasePersonalData command)
        {
            state.EnsureRegistered(command.ArtisanId);
            Require(!string.IsNullOrWhiteSpace(command.Reason), "An erasure needs the reason it was requested for.");
            Require(!state.Erased, $"The personal data of artisan {command.ArtisanId} has already been erased.");
            return [new PersonalDataErased(command.ArtisanId, command.Reason.Trim(), command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(ErasePersonalData command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync(command.ArtisanId, command, command.Reason, options, async (unit, token) =>
            {
                var artisan = await unit.FetchAsync<Artisan>(command.ArtisanId, token).ConfigureAwait(false);
                unit.Append(artisan, ErasePersonalData.Decide(artisan.State, command));
                PersonalDataTables.DestroyKey(unit.Session, command.ArtisanId);
            }, ct);
    }
}
