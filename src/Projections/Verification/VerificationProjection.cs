using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Store;
using Npgsql;

namespace Ledger.Projections.Verification;

/// <summary>
/// Keeps the verification view in the append's own transaction, so the next lookup after a freeze,
/// revocation or renewal already sees it. Names are kept only as sealed in the events.
/// </summary>
public sealed class VerificationProjection : IInlineProjection
{
    public void Enqueue(IReadOnlyList<PendingEvent> events, InlineBatch batch)
    {
        var s = batch.Schema;
        foreach (var pending in events)
        {
            switch (pending.Data)
            {
                case ArtisanRegistered e:
                    batch.Add(VerificationTables.UpsertName(s), P(e.ArtisanId), P(e.SealedName));
                    break;
                case ArtisanDetailsCorrected { SealedName: { } name } e:
                    batch.Add(VerificationTables.UpsertName(s), P(e.ArtisanId), P(name));
                    break;
                case ArtisanEnrolled e:
                    batch.Add(VerificationTables.InsertHolder(s), P(e.CertificationId), P(e.ArtisanId));
                    break;
                case CertificateIssued e:
                    batch.Add(VerificationTables.Issue(s), P(e.CertificateNumber), P(e.CertificationId), P(e.SchemeCode),
                        P(e.IssuingLsp), P(e.ValidFrom), P(e.ValidUntil), P(pending.Version));
                    break;
                case CertificateFrozen e:
                    Change(batch, e.CertificateNumber, VerificationStatuses.Frozen, e.Reason, null, pending.Version);
                    break;
                case CertificateReinstated e:
                    Change(batch, e.CertificateNumber, VerificationStatuses.Valid, null, null, pending.Version);
                    break;
                case CertificateRevoked e:
                    Change(batch, e.CertificateNumber, VerificationStatuses.Revoked, e.Reason, null, pending.Version);
                    break;
                case CertificateExpired e:
                    Change(batch, e.CertificateNumber, VerificationStatuses.Expired, null, null, pending.Version);
                    break;
                case CertificateRenewed e:
                    Change(batch, e.CertificateNumber, VerificationStatuses.Valid, null, e.ValidUntil, pending.Version);
                    break;
            }
        }
    }

    static void Change(InlineBatch batch, string number, string status, string? reason, DateOnly? validUntil, long version) =>
        batch.Add(VerificationTables.ChangeStatus(batch.Schema), P(number), P(status),
            new NpgsqlParameter { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
            new NpgsqlParameter { Value = validUntil.HasValue ? validUntil.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date },
            P(version));

    static NpgsqlParameter P(object value) => new() { Value = value };
}

/// <summary>The statuses as the view records them (and the lookup answers them).</summary>
public static class VerificationStatuses
{
    public const string Valid = "valid";
    public const string Frozen = "frozen";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
}
