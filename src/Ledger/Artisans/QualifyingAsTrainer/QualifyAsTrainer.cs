using JasperFx.Events;
using Ledger.Certifications;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Artisans;

/// <summary>Qualifies a certified artisan as a trainer in the scheme of their valid certificate.</summary>
public sealed record QualifyAsTrainer(Guid ArtisanId, string SchemeCode, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => ArtisanId;

    /// <summary>The day of the qualification, on which the certificate must have been valid; today in Asia/Jakarta when not given.</summary>
    public DateOnly? QualifiedOn { get; init; }

    /// <summary>The qualification, given the artisan's certification in that scheme.</summary>
    public static IReadOnlyList<object> Decide(Artisan state, Certification certification, QualifyAsTrainer command)
    {
        var scheme = Domain.Rules.SchemeCode(command.SchemeCode);
        state.EnsureRegistered(command.ArtisanId);
        Require(!state.TrainerSchemes.Contains(scheme), $"The artisan is already a trainer in {scheme}.");
        var day = state.DayOf("qualification", command.QualifiedOn, command.At);
        Require(certification.Certificate is not null && certification.WasInForceOn(day),
            $"Only an artisan with a valid certificate in {scheme} can be qualified as a trainer in it: none was in force on {day:yyyy-MM-dd}.");
        return [new ArtisanQualifiedAsTrainer(command.ArtisanId, scheme, certification.Certificate!.Number, day, command.At)];
    }
}

/// <summary>Decides on the artisan's stream, given their certification in the scheme.</summary>
public static class QualifyAsTrainerHandler
{
    public static async Task<CommandResult> Handle(QualifyAsTrainer command, [WriteAggregate(Required = false)] IEventStream<Artisan> artisan, CommandAttempt attempt, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(artisan.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = attempt.Decide(artisan);
        var certification = await attempt.FetchAsync<Certification>(CertificationStreams.IdFor(command.ArtisanId, command.SchemeCode ?? ""), ct).ConfigureAwait(false);
        attempt.Append(state, QualifyAsTrainer.Decide(state.State, certification.State, command));
        return attempt.Result();
    }
}
