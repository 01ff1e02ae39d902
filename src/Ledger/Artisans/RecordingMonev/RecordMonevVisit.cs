using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Artisans;

/// <summary>Records a monitoring and evaluation (monev) visit by the regency agency and its findings.</summary>
public sealed record RecordMonevVisit(Guid ArtisanId, DateOnly VisitedOn, string Officer, string Findings, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => ArtisanId;

    public static IReadOnlyList<object> Decide(Artisan state, RecordMonevVisit command)
    {
        Text(command.Officer, "The officer who visited");
        Text(command.Findings, "The visit's findings");
        state.EnsureRegistered(command.ArtisanId);
        var day = state.DayOf("visit", command.VisitedOn, command.At);
        return [new MonevVisitRecorded(command.ArtisanId, day, command.Officer.Trim(), command.Findings.Trim(), command.At)];
    }
}

/// <summary>Decides on the artisan's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class RecordMonevVisitHandler
{
    public static Task<CommandResult> Handle(RecordMonevVisit command, [WriteAggregate(Required = false)] IEventStream<Artisan> artisan, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(artisan, state => RecordMonevVisit.Decide(state, command), ct);
}
