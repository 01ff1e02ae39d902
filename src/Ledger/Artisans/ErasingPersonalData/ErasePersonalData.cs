using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Ledger.Marten;
using Ledger.PersonalData;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Artisans;

/// <summary>Erases an artisan's personal data on request: records why, and destroys their key in the same transaction.</summary>
public sealed record ErasePersonalData(Guid ArtisanId, string Reason, string Actor, DateTimeOffset At) : ICommand, IGivenForAReason
{
    Guid ICommand.StreamId => ArtisanId;

    /// <summary>The day the erasure was carried out; today in Asia/Jakarta when not given.</summary>
    public DateOnly? ErasedOn { get; init; }

    public static IReadOnlyList<object> Decide(Artisan state, ErasePersonalData command)
    {
        state.EnsureRegistered(command.ArtisanId);
        Require(!string.IsNullOrWhiteSpace(command.Reason), "An erasure needs the reason it was requested for.");
        Require(!state.Erased, $"The personal data of artisan {command.ArtisanId} has already been erased.");
        var day = state.DayOf("erasure", command.ErasedOn, command.At);
        return [new PersonalDataErased(command.ArtisanId, command.Reason.Trim(), day, command.At)];
    }
}

/// <summary>The erasure and the destruction of the artisan's key commit together.</summary>
public static class ErasePersonalDataHandler
{
    public static async Task<CommandResult> Handle(ErasePersonalData command, [WriteAggregate(Required = false)] IEventStream<Artisan> artisan, CommandAttempt attempt, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(artisan.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = attempt.Decide(artisan);
        attempt.Append(state, ErasePersonalData.Decide(state.State, command));
        PersonalDataTables.DestroyKey(attempt.Session, command.ArtisanId);
        return attempt.Result();
    }
}
