using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Artisans;

/// <summary>Records equipment aid handed to an artisan (e.g. an electric wax stove), under a PKS when named.</summary>
public sealed record RecordEquipmentAid(Guid ArtisanId, string Item, int Quantity, Guid? PksId, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => ArtisanId;

    /// <summary>The day the aid was received; today in Asia/Jakarta when not given.</summary>
    public DateOnly? ReceivedOn { get; init; }

    public static IReadOnlyList<object> Decide(Artisan state, RecordEquipmentAid command)
    {
        Text(command.Item, "The item of equipment aid");
        Require(command.Quantity > 0, "The quantity of equipment aid must be at least 1.");
        state.EnsureRegistered(command.ArtisanId);
        var day = state.DayOf("aid", command.ReceivedOn, command.At);
        return [new EquipmentAidReceived(command.ArtisanId, command.Item.Trim(), command.Quantity, command.PksId, day, command.At)];
    }
}

/// <summary>Decides on the artisan's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class RecordEquipmentAidHandler
{
    public static Task<CommandResult> Handle(RecordEquipmentAid command, [WriteAggregate(Required = false)] IEventStream<Artisan> artisan, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(artisan, state => RecordEquipmentAid.Decide(state, command), ct);
}
