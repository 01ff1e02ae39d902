using Ledger.Artisans;
using Ledger.PersonalData;
using static Ledger.Domain.Rules;

namespace Ledger.Artisans
{
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
        DateTimeOffset At) : Domain.ICommand
    {
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
            var nikChanged = newNik is not null && newNik.NikHash != state.NikHash;
            return
            [
                new ArtisanDetailsCorrected(command.ArtisanId,
                    nikChanged ? newNik!.NikHash : null, nikChanged ? newNik!.SealedNik : null, sealedName,
                    command.Gender, command.BirthYear, command.RegencyCode?.Trim(), command.BusinessName?.Trim(), command.At),
            ];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public async Task<CommandResult> HandleAsync(CorrectArtisanDetails command, CommandOptions? options = null, CancellationToken ct = default)
        {
            command.Validate();
            var newNik = command.Nik is null ? null : new SealedIdentity(
                personalData.HashNik(command.Nik),
                await personalData.SealAsync(command.ArtisanId, command.Nik.Trim(), ct).ConfigureAwait(false), "");
            var sealedName = command.Name is null ? null : await personalData.SealAsync(command.ArtisanId, command.Name.Trim(), ct).ConfigureAwait(false);
            try
            {
                return await executor.ExecuteAsync(command.ArtisanId, command, command.Reason, options, async (unit, token) =>
                {
                    var artisan = await unit.FetchAsync<Artisan>(command.ArtisanId, token).ConfigureAwait(false);
                    var events = CorrectArtisanDetails.Decide(artisan.State, command, newNik, sealedName);
                    unit.Append(artisan, events);
                    if (events.OfType<ArtisanDetailsCorrected>().SingleOrDefault() is { NikHash: { } hash })
                        PersonalDataTables.ChangeNikHash(unit.Session, hash, command.ArtisanId);
                }, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (NikConflicts.IsDuplicateNik(e))
            {
                throw new DomainException(NikConflicts.Message);
            }
        }
    }
}
