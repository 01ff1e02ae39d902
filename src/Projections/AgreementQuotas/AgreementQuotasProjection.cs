using Ledger.Agreements;
using Ledger.Artisans;
using JasperFx.Events;
using Ledger.Certifications;
using Ledger.Projections.ReadModels;
using Marten;

namespace Ledger.Projections.AgreementQuotas;

/// <summary>
/// Per partner (a regency, province, firm, ministry or school): its MoUs and PKSs with status and term, and per PKS and
/// year the quota, the artisans enrolled and certified against it, and the equipment aid delivered under it. Rows of
/// agreements recorded before partners had kinds are regency partners: the partner columns' defaults say so.
/// </summary>
public sealed class AgreementQuotasProjection(ReadModelTarget target) : ReadModelProjection(target)
{
    public const string Mous = "agreement_mous";
    public const string Pks = "agreement_pks";
    public const string Years = "agreement_quota_years";
    public const string Certifications = "agreement_quota_certifications";

    public override string ReadModel => "agreement_quotas";

    public override IReadOnlyList<Type> EventTypes { get; } =
    [
        typeof(MouSigned), typeof(MouTerminated), typeof(MouExpired), typeof(PksSigned), typeof(PksAmended), typeof(PksTerminated),
        typeof(PksExpired), typeof(ArtisanEnrolled), typeof(CertificateIssued), typeof(EquipmentAidReceived),
    ];

    public override IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Mous, t =>
        {
            t.AddColumn("mou_id", "uuid").AsPrimaryKey();
            t.AddColumn("regency_code", "text").AllowNulls();
            t.AddColumn("centre_name", "text").NotNull();
            t.AddColumn("status", "text").NotNull();
            t.AddColumn("signed_on", "date").NotNull();
            t.AddColumn("valid_until", "date").NotNull();
            t.AddColumn("partner_kind", "text").NotNull().DefaultValueByString(PartnerKind.Regency.Name());
            t.AddColumn("partner_name", "text").AllowNulls();
            t.AddColumn("province_code", "text").AllowNulls();
        }, ("by_regency", ["regency_code"]), ("by_signing_year", ["signed_on"])),
        new(Pks, t =>
        {
            t.AddColumn("pks_id", "uuid").AsPrimaryKey();
            t.AddColumn("mou_id", "uuid").NotNull();
            t.AddColumn("regency_code", "text").AllowNulls();
            t.AddColumn("agency_name", "text").NotNull();
            t.AddColumn("status", "text").NotNull();
            t.AddColumn("signed_on", "date").NotNull();
            t.AddColumn("valid_until", "date").NotNull();
            t.AddColumn("schemes", "text[]").NotNull();
            t.AddColumn("yearly_quota", "integer").NotNull();
            t.AddColumn("equipment_aid", "text").AllowNulls();
            t.AddColumn("partner_kind", "text").NotNull().DefaultValueByString(PartnerKind.Regency.Name());
            t.AddColumn("partner_name", "text").AllowNulls();
            t.AddColumn("province_code", "text").AllowNulls();
        }, ("by_regency", ["regency_code"])),
        new(Years, t =>
        {
            t.AddColumn("pks_id", "uuid").AsPrimaryKey();
            t.AddColumn("year", "integer").AsPrimaryKey();
            t.AddColumn("enrolled", "integer").NotNull();
            t.AddColumn("certified", "integer").NotNull();
            t.AddColumn("aid_delivered", "integer").NotNull();
        }),
        new(Certifications, t =>
        {
            t.AddColumn("certification_id", "uuid").AsPrimaryKey();
            t.AddColumn("pks_id", "uuid").NotNull();
            t.AddColumn("year", "integer").NotNull();
        }),
    ];

    public override async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> batch, CancellationToken ct)
    {
        var mous = Table(Mous);
        var pks = Table(Pks);
        var years = Table(Years);
        var certifications = Table(Certifications);

        var ids = batch.Select(e => e.Data switch
        {
            ArtisanEnrolled x => x.CertificationId,
            CertificateIssued x => x.CertificationId,
            _ => (Guid?)null,
        }).OfType<Guid>().Distinct().ToArray();
        var known = await LookupAsync(
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
        Fold(batch, e =>
        {
            switch (e.Data)
            {
                case MouSigned x:
                    Queue(operations, $"""
                        insert into {mous} (mou_id, regency_code, centre_name, status, signed_on, valid_until, partner_kind, partner_name, province_code)
                        values (?, ?, ?, 'in-force', ?, ?, ?, ?, ?) on conflict (mou_id) do nothing
                        """, x.MouId, x.Partner.RegencyCode, x.CentreName, x.SignedOn, x.ValidUntil, x.Partner.Kind.Name(), x.Partner.Name,
                        x.Partner.ProvinceCode);
                    break;
                case MouTerminated x: Queue(operations, $"update {mous} set status = 'terminated' where mou_id = ?", x.MouId); break;
                case MouExpired x: Queue(operations, $"update {mous} set status = 'expired' where mou_id = ?", x.MouId); break;
                case PksSigned x:
                    Queue(operations, $"""
                        insert into {pks} (pks_id, mou_id, regency_code, agency_name, status, signed_on, valid_until, schemes, yearly_quota,
                            equipment_aid, partner_kind, partner_name, province_code)
                        values (?, ?, ?, ?, 'in-force', ?, ?, ?, ?, ?, ?, ?, ?) on conflict (pks_id) do nothing
                        """, x.PksId, x.MouId, x.Partner.RegencyCode, x.AgencyName, x.SignedOn, x.ValidUntil, x.Schemes.ToArray(),
                        x.YearlyQuota, x.EquipmentAidPerArtisan, x.Partner.Kind.Name(), x.Partner.Name, x.Partner.ProvinceCode);
                    break;
                case PksAmended x:
                    Queue(operations, $"""
                        update {pks} set schemes = coalesce(?::text[], schemes), yearly_quota = coalesce(?::int, yearly_quota),
                            equipment_aid = coalesce(?::text, equipment_aid), valid_until = coalesce(?::date, valid_until)
                        where pks_id = ?
                        """, x.Schemes?.ToArray(), x.YearlyQuota, x.EquipmentAidPerArtisan, x.ValidUntil, x.PksId);
                    break;
                case PksTerminated x: Queue(operations, $"update {pks} set status = 'terminated' where pks_id = ?", x.PksId); break;
                case PksExpired x: Queue(operations, $"update {pks} set status = 'expired' where pks_id = ?", x.PksId); break;
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
                    Count(pksId, x.EffectiveOn.Year, new Delta(0, 0, x.Quantity));
                    break;
            }
        });

        if (newCertifications.Count > 0)
            Queue(operations, $"""
                insert into {certifications} (certification_id, pks_id, year)
                select * from unnest(?::uuid[], ?::uuid[], ?::int[]) on conflict do nothing
                """, newCertifications.Select(c => c.Id).ToArray(), newCertifications.Select(c => c.PksId).ToArray(),
                newCertifications.Select(c => c.Year).ToArray());
        if (deltas.Count > 0)
        {
            var rows = deltas.ToList();
            Queue(operations, $"""
                insert into {years} as y (pks_id, year, enrolled, certified, aid_delivered)
                select * from unnest(?::uuid[], ?::int[], ?::int[], ?::int[], ?::int[])
                on conflict (pks_id, year) do update set enrolled = y.enrolled + excluded.enrolled,
                    certified = y.certified + excluded.certified, aid_delivered = y.aid_delivered + excluded.aid_delivered
                """, rows.Select(r => r.Key.PksId).ToArray(), rows.Select(r => r.Key.Year).ToArray(), rows.Select(r => r.Value.Enrolled).ToArray(),
                rows.Select(r => r.Value.Certified).ToArray(), rows.Select(r => r.Value.AidDelivered).ToArray());
        }
    }

    readonly record struct Delta(int Enrolled, int Certified, int AidDelivered);
}
