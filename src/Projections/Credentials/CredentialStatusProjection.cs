using JasperFx.Events;
using Ledger.Certifications;
using Ledger.Marten;
using Marten;
using Marten.Events.Projections;

namespace Ledger.Projections.Credentials;

/// <summary>
/// Keeps the credentials' status lists in the append's own transaction (registered inline, after the verification
/// view): issuance allocates the certificate's list and index once; a revocation sets its revocation bit; a freeze
/// sets its suspension bit, and a reinstatement or a renewal clears it. A verifier who fetches the list after the
/// command answered sees the change.
/// </summary>
public sealed class CredentialStatusProjection(string schema) : IProjection
{
    readonly string s = LedgerDatabase.Quote(schema);

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case CertificateIssued x:
                    operations.QueueSqlCommand(CredentialStatusTables.Allocate(s), x.CertificateNumber, x.CertificateNumber);
                    break;
                case CertificateRevoked x:
                    Set(operations, x.CertificateNumber, StatusLists.Revocation, 1);
                    break;
                case CertificateFrozen x:
                    Set(operations, x.CertificateNumber, StatusLists.Suspension, 1);
                    break;
                case CertificateReinstated x:
                    Set(operations, x.CertificateNumber, StatusLists.Suspension, 0);
                    break;
                case CertificateRenewed x:
                    Set(operations, x.CertificateNumber, StatusLists.Suspension, 0);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    void Set(IDocumentOperations operations, string number, string purpose, int bit)
    {
        operations.QueueSqlCommand(CredentialStatusTables.EnsureList(s), purpose, number);
        operations.QueueSqlCommand(CredentialStatusTables.SetBit(s), bit, number, purpose, bit);
    }
}
