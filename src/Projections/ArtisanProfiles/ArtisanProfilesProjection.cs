using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using Ledger.Projections.Daemon;
using Ledger.Projections.Querying;
using Ledger.Store;

namespace Ledger.Projections.ArtisanProfiles;

/// <summary>
/// An artisan's certifications, training batches, equipment aid and monitoring visits. No personal field is
/// kept: the artisan id, regency and business name only (the name is sealed in the events and revealed, if
/// at all, at read time). Aid and visits are keyed by the event's sequence, so a replay cannot double them.
/// </summary>
public sealed class ArtisanProfilesProjection : IAsyncProjection
{
    public const string Profiles = "artisan_profiles";
    public const string Certifications = "artisan_profile_certifications";
    public const string Batches = "artisan_profile_batches";
    public const string Aid = "artisan_profile_aid";
    public const string Visits = "artisan_profile_visits";

    public string Name => "artisan_profiles";

    public IReadOnlyList<ProjectionTable> Tables { get; } =
    [
        new(Profiles, t => $"""
            create table {t} (
                artisan_id uuid primary key, regency_code text not null, business_name text not null,
                registered_at timestamptz not null, trainer_schemes text[] not null default array[]::text[], erased boolean not null default false);
            create index {t.Name}_by_regency on {t} (regency_code);
            """),
        new(Certifications, t => $"""
            create table {t} (
                certification_id uuid primary key, artisan_id uuid not null, scheme_code text not null, batch_id uuid,
                enrolled_at timestamptz not null, status text not null, certificate_number text, valid_until date);
            create index {t.Name}_by_artisan on {t} (artisan_id);
            """),
        new(Batches, t => $"""
            create table {t} (
                batch_id uuid primary key, centre_name text not null, venue text not null, scheme_code text not null,
                starts_on date not null, ends_on date not null, completed boolean not null default false);
            """),
        new(Aid, t => $"""
            create table {t} (
                seq bigint primary key, artisan_id uuid not null, item text not null, quantity int not null, pks_id uuid,
                received_at timestamptz not null);
            create index {t.Name}_by_artisan on {t} (artisan_id);
            """),
        new(Visits, t => $"""
            create table {t} (
                seq bigint primary key, artisan_id uuid not null, visited_on date not null, officer text not null, findings text not null);
            create index {t.Name}_by_artisan on {t} (artisan_id);
            """),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var profiles = context.Table(Profiles);
        var certifications = context.Table(Certifications);
        var status = $"update {certifications} set status = $2 where certification_id = $1";
        await using var writer = new BatchWriter(context.Batch());
        foreach (var e in batch)
        {
            switch (e.Data)
            {
                case ArtisanRegistered x:
                    writer.Add($"""
                        insert into {profiles} (artisan_id, regency_code, business_name, registered_at) values ($1, $2, $3, $4)
                        on conflict (artisan_id) do nothing
                        """, x.ArtisanId, x.RegencyCode, x.BusinessName, x.RegisteredAt);
                    break;
                case ArtisanDetailsCorrected x when x.RegencyCode is not null || x.BusinessName is not null:
                    writer.Add($"""
                        update {profiles} set regency_code = coalesce($2::text, regency_code), business_name = coalesce($3::text, business_name)
                        where artisan_id = $1
                        """, x.ArtisanId, x.RegencyCode, x.BusinessName);
                    break;
                case ArtisanQualifiedAsTrainer x:
                    writer.Add($"""
                        update {profiles} set trainer_schemes = array_append(trainer_schemes, $2)
                        where artisan_id = $1 and not $2 = any(trainer_schemes)
                        """, x.ArtisanId, x.SchemeCode);
                    break;
                case PersonalDataErased x:
                    writer.Add($"update {profiles} set erased = true where artisan_id = $1", x.ArtisanId);
                    break;
                case EquipmentAidReceived x:
                    writer.Add($"insert into {context.Table(Aid)} values ($1, $2, $3, $4, $5, $6) on conflict do nothing",
                        e.Sequence, x.ArtisanId, x.Item, x.Quantity, x.PksId, x.ReceivedAt);
                    break;
                case MonevVisitRecorded x:
                    writer.Add($"insert into {context.Table(Visits)} values ($1, $2, $3, $4, $5) on conflict do nothing",
                        e.Sequence, x.ArtisanId, x.VisitedOn, x.Officer, x.Findings);
                    break;
                case BatchPlanned x:
                    writer.Add($"insert into {context.Table(Batches)} values ($1, $2, $3, $4, $5, $6, false) on conflict do nothing",
                        x.BatchId, x.CentreName, x.Venue, x.SchemeCode, x.StartsOn, x.EndsOn);
                    break;
                case BatchCompleted x:
                    writer.Add($"update {context.Table(Batches)} set completed = true where batch_id = $1", x.BatchId);
                    break;
                case ArtisanEnrolled x:
                    writer.Add($"""
                        insert into {certifications} (certification_id, artisan_id, scheme_code, batch_id, enrolled_at, status)
                        values ($1, $2, $3, $4, $5, 'enrolled') on conflict do nothing
                        """, x.CertificationId, x.ArtisanId, x.SchemeCode, x.BatchId, x.EnrolledAt);
                    break;
                case CertificateIssued x:
                    writer.Add($"""
                        update {certifications} set status = 'valid', certificate_number = $2, valid_until = $3 where certification_id = $1
                        """, x.CertificationId, x.CertificateNumber, x.ValidUntil);
                    break;
                case CertificateRenewed x:
                    writer.Add($"update {certifications} set status = 'valid', valid_until = $2 where certification_id = $1",
                        x.CertificationId, x.ValidUntil);
                    break;
                case CertificateFrozen x: writer.Add(status, x.CertificationId, "frozen"); break;
                case CertificateReinstated x: writer.Add(status, x.CertificationId, "valid"); break;
                case CertificateRevoked x: writer.Add(status, x.CertificationId, "revoked"); break;
                case CertificateExpired x: writer.Add(status, x.CertificationId, "expired"); break;
            }
        }
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }
}
