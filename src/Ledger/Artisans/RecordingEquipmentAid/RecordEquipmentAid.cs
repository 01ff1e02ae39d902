using Ledger.Artisans;
using static Ledger.Domain.Rules;

namespace Ledger.Artisans
{
    /// <summary>Records equipment aid handed to an artisan (e.g. an electric wax stove), under a PKS when named.</summary>
    public sealed record RecordEquipmentAid(Guid ArtisanId, string Item, int Quantity, Guid? PksId, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Artisan state, RecordEquipmentAid command)
        {
            Text(command.Item, "The item of equipment aid");
            Require(command.Quantity > 0, "The quantity of equipment aid must be at least 1.");
            state.EnsureRegistered(command.ArtisanId);
            return [new EquipmentAidReceived(command.ArtisanId, command.Item.Trim(), command.Quantity, command.PksId, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(RecordEquipmentAid command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Artisan>(command.ArtisanId, command, null, options, state => RecordEquipmentAid.Decide(state, command), ct);
    }
}
