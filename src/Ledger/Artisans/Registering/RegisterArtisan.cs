using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Ledger.Marten;
using Ledger.PersonalData;
using Npgsql;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Artisans;

/// <summary>Registers an artisan; <see cref="ArtisanId"/> is the new stream's id.</summary>
public sealed record RegisterArtisan(
    Guid ArtisanId,
    string Name,
    string Nik,
    Gender Gender,
    int BirthYear,
    string RegencyCode,
    string BusinessName,
    string Actor,
    DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => ArtisanId;

    /// <summary>The day the artisan was registered; today in Asia/Jakarta when not given. Nothing recorded on the artisan precedes it.</summary>
    public DateOnly? RegisteredOn { get; init; }

    public void Validate()
    {
        Require(ArtisanId != Guid.Empty, "The artisan needs an id.");
        Text(Name, "The artisan's name");
        Require(Nik is not null && Nik.Trim().Length == 16 && Nik.Trim().All(char.IsAsciiDigit),
            "The NIK must be the 16 digits of the national identity card.");
        Require(BirthYear >= 1920 && BirthYear <= At.Year - 10, $"Birth year {BirthYear} is not plausible for an artisan.");
        Domain.Rules.RegencyCode(RegencyCode);
        Text(BusinessName, "The business (IKM) name");
        EffectiveDates.Judge(RegisteredOn, At, "registration");
    }

    /// <summary>The registration, given the personal fields already sealed and the NIK hashed.</summary>
    public static IReadOnlyList<object> Decide(Artisan state, RegisterArtisan command, SealedIdentity identity)
    {
        command.Validate();
        Require(!state.Registered, $"Artisan {command.ArtisanId} is already registered.");
        return
        [
            new ArtisanRegistered(command.ArtisanId, identity.NikHash, identity.SealedNik, identity.SealedName, command.Gender,
                command.BirthYear, command.RegencyCode.Trim(), command.BusinessName.Trim(),
                EffectiveDates.DayOf(command.RegisteredOn, command.At), command.At),
        ];
    }
}

/// <summary>Personal fields ready to be recorded: the NIK's keyed hash and the sealed NIK and name.</summary>
public sealed record SealedIdentity(string NikHash, string SealedNik, string SealedName);

static class NikConflicts
{
    /// <summary>Whether saving failed on the unique NIK hash: another artisan with this NIK is registered.</summary>
    public static bool IsDuplicateNik(Exception e) =>
        e.SelfAndInner().Any(inner => inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: PersonalDataTables.NikHashUniqueConstraint });

    public const string Message = "An artisan with this NIK is already registered; correct or look up that registration instead.";

    /// <summary>Commits the session, refusing a NIK that another artisan's registration holds.</summary>
    public static async Task SaveAsync(global::Marten.IDocumentSession session, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDuplicateNik(e))
        {
            throw new DomainException(Message);
        }
    }
}

/// <summary>
/// The registration, the artisan's new key and their NIK hash commit together. The handler commits itself, so that a
/// NIK another registration took first is refused as the rule it is.
/// </summary>
public static class RegisterArtisanHandler
{
    public static async Task<CommandResult> Handle(RegisterArtisan command, [WriteAggregate(Required = false)] IEventStream<Artisan> artisan, CommandAttempt attempt,
        PersonalDataProtector personalData, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(artisan.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        command.Validate();
        var key = PersonalDataProtector.NewKey();
        var identity = new SealedIdentity(
            personalData.HashNik(command.Nik),
            PersonalDataProtector.Seal(command.ArtisanId, key, command.Nik.Trim()),
            PersonalDataProtector.Seal(command.ArtisanId, key, command.Name.Trim()));
        var state = attempt.Decide(artisan);
        attempt.Append(state, RegisterArtisan.Decide(state.State, command, identity));
        PersonalDataTables.StoreKey(attempt.Session, command.ArtisanId, key);
        PersonalDataTables.RecordNikHash(attempt.Session, identity.NikHash, command.ArtisanId);
        await NikConflicts.SaveAsync(attempt.Session, ct).ConfigureAwait(false);
        return attempt.Result();
    }
}
