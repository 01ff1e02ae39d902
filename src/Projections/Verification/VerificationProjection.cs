using JasperFx.Events;
using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Marten;
using Marten;
using Marten.Events.Projections;

namespace Ledger.Projections.Verification;

/// <summary>
/// Keeps the verification view in the append's own transaction (registered inline), so the next lookup after
/// a freeze, revocation or renewal already sees it. Each event becomes one statement queued on the append's
/// batch; names are kept only as sealed in the events. The version a row was last changed at is the
/// certification stream's version, read from <c>mt_streams</c> by the statement itself, because Quick append
/// gives inline projections no versions.
/// </summary>
public sealed class VerificationProjection(string schema) : IProjection
{
    readonly string s = LedgerDatabase.Quote(schema);

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ArtisanRegistered x:
                    operations.QueueSqlCommand(VerificationTables.UpsertName(s), x.ArtisanId, x.SealedName);
                    break;
                case ArtisanDetailsCorrected { SealedName: { } name } x:
                    operations.QueueSqlCommand(VerificationTables.UpsertName(s), x.ArtisanId, name);
                    break;
                case ArtisanEnrolled x:
                    operations.QueueSqlCommand(VerificationTables.InsertHolder(s), x.CertificationId, x.ArtisanId);
                    break;
                case CertificateIssued x:
                    operations.QueueSqlCommand(VerificationTables.Issue(s), x.CertificateNumber, x.CertificationId, x.CertificationId,
                        x.SchemeCode, x.IssuingLsp, x.ValidFrom, x.ValidUntil, x.CertificationId);
                    break;
                case CertificateFrozen x:
                    Change(operations, x.CertificationId, x.CertificateNumber, VerificationStatuses.Frozen, x.Reason, null);
                    break;
                case CertificateReinstated x:
                    Change(operations, x.CertificationId, x.CertificateNumber, VerificationStatuses.Valid, null, null);
                    break;
                case CertificateRevoked x:
                    Change(operations, x.CertificationId, x.CertificateNumber, VerificationStatuses.Revoked, x.Reason, null);
                    break;
                case CertificateExpired x:
                    Change(operations, x.CertificationId, x.CertificateNumber, VerificationStatuses.Expired, null, null);
                    break;
                case CertificateRenewed x:
                    Change(operations, x.CertificationId, x.CertificateNumber, VerificationStatuses.Valid, null, x.ValidUntil);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    void Change(IDocumentOperations operations, Guid certificationId, string number, string status, string? reason, DateOnly? validUntil) =>
        operations.QueueSqlCommand(VerificationTables.ChangeStatus(s), status, reason!, validUntil!, certificationId, number, certificationId);
}

/// <summary>The statuses as the view records them (and the lookup answers them).</summary>
public static class VerificationStatuses
{
    public const string Valid = "valid";
    public const string Frozen = "frozen";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
}
