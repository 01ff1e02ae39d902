using Ledger.PersonalData;
using Marten;

namespace Ledger.Domain;

/// <summary>
/// The write side of the certification domain: one <c>HandleAsync</c> overload per command, each in the
/// command's own file (e.g. <c>Certifications/Issuing/IssueCertificate.cs</c>).
/// </summary>
public sealed partial class LedgerCommands
{
    readonly CommandExecutor executor;
    readonly PersonalDataProtector personalData;

    public LedgerCommands(IDocumentStore store, PersonalDataProtector personalData, DomainOptions options)
    {
        options.Validate();
        this.personalData = personalData;
        executor = new CommandExecutor(store, options);
    }
}
