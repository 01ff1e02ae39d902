using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Ledger.Marten;
using Ledger.PersonalData;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Artisans;

/// <summary>Corrects an artisan's details; a null field stays as it is.</summary>
public sealed record CorrectArtisanDetails(
    Guid ArtisanId,
    string? Name,
    string? Nik,
    Gender? Gender,
    int? BirthYear,
    string? RegencyCode,
    string? BusinessName,
    string Reason,
    string Actor,
    DateTimeOffset At) : ICommand, IGivenForAReason
{
    Guid ICommand.StreamId => ArtisanId;

    /// <summary>The day of the correction; today in Asia/Jakarta when not given.</summary>
    public DateOnly? CorrectedOn { get; init; }

    public void Validate()
    {
        Text(Reason, "The reason for the correction");
        Require(Name is not null || Nik is not null || Gender is not null || BirthYear is not null || RegencyCode is not null || BusinessName is not null,
            "A correction must change at least one detail.");
        if (Name is not null) Text(Name, "The artisan's name");
        if (Nik is not null)
            Require(Nik.Trim().Length == 16 && Nik.Trim().All(char.IsAsciiDigit), "The NIK must be the 16 digits of the national identity card.");
        if (BirthYear is { } year) Require(year >= 1920 && year <= At.Year - 10, $"Birth year {year} is not plausible for an artisan.");
        if (RegencyCode is not null) Domain.Rules.RegencyCode(RegencyCode);
        if (BusinessName is not null) Text(BusinessName, "The business (IKM) name");
    }

    /// <summary>The correction, given the new personal fields already sealed (null where unchanged).</summary>
    public static IReadOnlyList<object> Decide(Artisan state, CorrectArtisanDetails command, SealedIdentity? newNik, string? sealedName)
    {
        command.Validate();
        state.EnsureRegistered(command.ArtisanId);
        var day = state.DayOf("correction", command.CorrectedOn, command.At);
        var nikChanged = newNik is not null && newNik.NikHash != state.NikHash;
        return
        [
            new ArtisanDetailsCorrected(command.ArtisanId,
                nikChanged ? newNik!.NikHash : null, nikChanged ? newNik!.SealedNik : null, sealedName,
                command.Gender, command.BirthYear, command.RegencyCode?.Trim(), command.BusinessName?.Trim(), day, command.At),
        ];
    }
}

/// <summary>
/// The correction and the change of the NIK hash commit together. The handler commits itself, so that a NIK another
/// registration holds is refused as the rule it is.
/// </summary>
public static class CorrectArtisanDetailsHandler
{
    public static async Task<CommandResult> Handle(CorrectArtisanDetails command, [WriteAggregate(Required = false)] IEventStream<Artisan> artisan, CommandAttempt attempt,
        PersonalDataProtector personalData, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(artisan.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        command.Validate();
        var newNik = command.Nik is null ? null : new SealedIdentity(
            personalData.HashNik(command.Nik),
            await personalData.SealAsync(command.ArtisanId, command.Nik.Trim(), ct).ConfigureAwait(false), "");
        var sealedName = command.Name is null ? null : await personalData.SealAsync(command.ArtisanId, command.Name.Trim(), ct).ConfigureAwait(false);
        var state = attempt.Decide(artisan);
        var events = CorrectArtisanDetails.Decide(state.State, command, newNik, sealedName);
        attempt.Append(state, events);
        if (events.OfType<ArtisanDetailsCorrected>().SingleOrDefault() is { NikHash: { } hash })
            PersonalDataTables.ChangeNikHash(attempt.Session, hash, command.ArtisanId);
        await NikConflicts.SaveAsync(attempt.Session, ct).ConfigureAwait(false);
        return attempt.Result();
    }
}
