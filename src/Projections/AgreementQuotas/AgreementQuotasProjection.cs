using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Projections.Daemon;
using Ledger.Projections.Querying;
using Ledger.Store;

namespace Ledger.Projections.AgreementQuotas;

/// <summary>
/// Per regency: its MoUs and PKSs with status and term, and per PKS and year the quota, the artisans
/// enrolled and certified against it, and the equipment aid delivered under it.
/// </summary>
public sealed class AgreementQuotasProjection : IAsyncProjection
{
    public const string Mous = "agreement_mous";
    public const string Pks = "agreement_pks";
    public const string Years = "agreement_quota_years";
    public const string Certifications = "agreement_quota_certifications";

    public string Name => "agreement_quotas";

    public IReadOnlyList<ProjectionTable> Tables { get; } =
    [
        new(Mous, t => $"""
            create table {t} (
                mou_id uuid primary key, regency_code text not null, centre_name text not null, status text not null,
                signed_on date not null, valid_until date not null);
            create index {t.Name}_by_regency on {t} (regency_code);
            """),
        new(Pks, t => $"""
            create table {t} (
                pks_id uuid primary key, mou_id uuid not null, regency_code text not null, agency_name text not null,
                status text not null, signed_on date not null, valid_until date not null, schemes text[] not null,
                yearly_quota int not null, equipment_aid text);
            create index {t.Name}_by_regency on {t} (regency_code);
            """),
        new(Years, t => $"""
            create table {t} (
                pks_id uuid not null, year int not null, enrolled int not null, certified int not null, aid_delivered int not null,
                primary key (pks_id, year));
            """),
        new(Certifications, t => $"""
            create table {t} (certification_id uuid primary key, pks_id uuid not null, year int not null);
            """),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var mous = context.Table(Mous);
        var pks = context.Table(Pks);
        var years = context.Table(Years);
        var certifications = context.Table(Certifications);

        var ids = batch.Select(e => e.Data switch
        {
            ArtisanEnrolled x => x.CertificationId,
            CertificateIssued x => x.CertificationId,
            _ => (Guid?)null,
        }).OfType<Guid>().Distinct().ToArray();
        var known = await LookupReader.ReadAsync(context,
            $"select certification_id, pks_id, year from {certifications} where certification_id = any($1)",
            r => (r.GetGuid(0), (PksId: r.GetGuid(1), Year: r.GetInt32(2))), ct, ids).ConfigureAwait(false);

        var newCertifications = new List<(Guid Id, Guid PksId, int Year)>();
        var deltas = new Dictionary<(Guid PksId, int Year), Delta>();
        void Count(Guid pksId, int year, Delta add)
        {
            var d = deltas.GetValueOrDefault((pksId, year));
            deltas[(pksId, year)] = new Delta(d.Enrolled + add.Enrolled, d.Certified + add.Certified, d.AidDelivered + add.AidDelivered);
        }

        // Agreement events are a handful per regency and year: one statement each, in log order. The
        // per-artisan events, which are nearly all of the log, are folded and written once per touched row.
        await using var writer = new BatchWriter(context.Batch());
        foreach (var e in batch)
        {
            switch (e.Data)
            {
                case MouSigned x:
                    writer.Add($"""
                        insert into {mous} values ($1, $2, $3, 'in force', $4, $5) on conflict (mou_id) do nothing
                        """, x.MouId, x.RegencyCode, x.CentreName, x.SignedOn, x.ValidUntil);
                    break;
                case MouTerminated x: writer.Add($"update {mous} set status = 'terminated' where mou_id = $1", x.MouId); break;
                case MouExpired x: writer.Add($"update {mous} set status = 'expired' where mou_id = $1", x.MouId); break;
                case PksSigned x:
                    writer.Add($"""
                        insert into {pks} values ($1, $2, $3, $4, 'in force', $5, $6, $7, $8, $9) on conflict (pks_id) do nothing
                        """, x.PksId, x.MouId, x.RegencyCode, x.AgencyName, x.SignedOn, x.ValidUntil, x.Schemes.ToArray(),
                        x.YearlyQuota, x.EquipmentAidPerArtisan);
                    break;
                case PksAmended x:
                    writer.Add($"""
                        update {pks} set schemes = coalesce($2::text[], schemes), yearly_quota = coalesce($3::int, yearly_quota),
                            equipment_aid = coalesce($4::text, equipment_aid), valid_until = coalesce($5::date, valid_until)
                        where pks_id = $1
                        """, x.PksId, x.Schemes?.ToArray(), x.YearlyQuota, x.EquipmentAidPerArtisan, x.ValidUntil);
                    break;
                case PksTerminated x: writer.Add($"update {pks} set status = 'terminated' where pks_id = $1", x.PksId); break;
                case PksExpired x: writer.Add($"update {pks} set status = 'expired' where pks_id = $1", x.PksId); break;
                case ArtisanEnrolled x:
                    if (!known.ContainsKey(x.CertificationId))
                    {
                        known[x.CertificationId] = (x.PksId, x.QuotaYear);
                        newCertifications.Add((x.CertificationId, x.PksId, x.QuotaYear));
                    }
                    Count(x.PksId, x.QuotaYear, new Delta(1, 0, 0));
                    break;
                case CertificateIssued x when known.TryGetValue(x.CertificationId, out var c):
                    Count(c.PksId, c.Year, new Delta(0, 1, 0));
                    break;
                case EquipmentAidReceived { PksId: { } pksId } x:
                    Count(pksId, x.ReceivedAt.Year, new Delta(0, 0, x.Quantity));
                    break;
            }
        }

        if (newCertifications.Count > 0)
            writer.Add($"""
                insert into {certifications} (certification_id, pks_id, year)
                select * from unnest($1::uuid[], $2::uuid[], $3::int[]) on conflict do nothing
                """, newCertifications.Select(c => c.Id).ToArray(), newCertifications.Select(c => c.PksId).ToArray(),
                newCertifications.Select(c => c.Year).ToArray());
        if (deltas.Count > 0)
        {
            var rows = deltas.ToList();
            writer.Add($"""
                insert into {years} as y (pks_id, year, enrolled, certified, aid_delivered)
                select * from unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[])
                on conflict (pks_id, year) do update set enrolled = y.enrolled + excluded.enrolled,
                    certified = y.certified + excluded.certified, aid_delivered = y.aid_delivered + excluded.aid_delivered
                """, rows.Select(r => r.Key.PksId).ToArray(), rows.Select(r => r.Key.Year).ToArray(), rows.Select(r => r.Value.Enrolled).ToArray(),
                rows.Select(r => r.Value.Certified).ToArray(), rows.Select(r => r.Value.AidDelivered).ToArray());
        }
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    readonly record struct Delta(int Enrolled, int Certified, int AidDelivered);
}
