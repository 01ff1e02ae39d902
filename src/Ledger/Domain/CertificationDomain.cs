using Ledger.PersonalData;
using Ledger.Store;

namespace Ledger.Domain;

/// <summary>The certification domain wired onto a store: its commands and its personal data protection.</summary>
public sealed class CertificationDomain(EventStore store, DomainOptions options, PersonalDataProtector personalData)
{
    public EventStore Store { get; } = store;

    public DomainOptions Options { get; } = options;

    public PersonalDataProtector PersonalData { get; } = personalData;

    public LedgerCommands Commands { get; } = new(store, personalData, options);
}

public static class CertificationDomainSetup
{
    /// <summary>
    /// Registers the domain's events, its migrations (100-199) and the inline statements that keep personal
    /// data keys and NIK hashes with the registrations. Call once per store, before <c>MigrateAsync</c>.
    /// </summary>
    public static CertificationDomain UseCertificationDomain(this EventStore store, DomainOptions options)
    {
        options.Validate();
        LedgerEvents.Register(store.Events);
        store.Migrator.Add(DomainMigrations.All);
        var personalData = new PersonalDataProtector(store, options);
        store.AddInlineProjection(new PersonalDataProjection(personalData));
        return new CertificationDomain(store, options, personalData);
    }
}

/// <summary>The domain's tables, in its version range (100-199).</summary>
public static class DomainMigrations
{
    public static IReadOnlyList<Store.Schema.Migration> All { get; } =
        [PersonalDataKeysTable.Create, ArtisanNikHashesTable.Create];
}
