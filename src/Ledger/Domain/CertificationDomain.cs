using Ledger.Marten;
using Ledger.PersonalData;
using Marten;

namespace Ledger.Domain;

/// <summary>The certification domain wired onto the ledger's Marten store: its commands and its personal data protection.</summary>
public sealed class CertificationDomain
{
    public CertificationDomain(IDocumentStore store, LedgerDatabase database, DomainOptions options)
    {
        options.Validate();
        Store = store;
        Options = options;
        PersonalData = new PersonalDataProtector(database, options);
        Commands = new LedgerCommands(store, PersonalData, options);
    }

    public IDocumentStore Store { get; }

    public DomainOptions Options { get; }

    public PersonalDataProtector PersonalData { get; }

    public LedgerCommands Commands { get; }
}
