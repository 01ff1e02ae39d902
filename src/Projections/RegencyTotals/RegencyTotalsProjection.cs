using JasperFx.Events;
using Ledger.Certifications;
using Ledger.Projections.ReadModels;
using Marten;

namespace Ledger.Projections.RegencyTotals;

/// <summary>
/// Certified artisans per year of issue, regency and scheme: certificates issued, currently valid, revoked.
/// Each certification's regency and scheme come from its enrollment, kept in a lookup table of its own.
/// "Currently valid" follows the recorded events (freeze, reinstatement, revocation, expiry, renewal).
/// </summary>
public sealed class RegencyTotalsProjection(ReadModelTarget target) : ReadModelProjection(target)
{
    public const string Totals = "regency_totals";
    public const string Certifications = "regency_totals_certifications";

    public override string ReadModel => "regency_totals";

    public override IReadOnlyList<Type> EventTypes { get; } =
    [
        typeof(ArtisanEnrolled), typeof(CertificateIssued), typeof(CertificateFrozen), typeof(CertificateExpired),
        typeof(CertificateReinstated), typeof(CertificateRenewed), typeof(CertificateRevoked),
    ];

    public override IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Totals, t =>
        {
            t.AddColumn("year", "integer").AsPrimaryKey();
            t.AddColumn("regency_code", "text").AsPrimaryKey();
            t.AddColumn("scheme_code", "text").AsPrimaryKey();
            t.AddColumn("issued", "integer").NotNull();
            t.AddColumn("valid", "integer").NotNull();
            t.AddColumn("revoked", "integer").NotNull();
        }, ("by_regency", ["regency_code", "year"])),
        new(Certifications, t =>
        {
            t.AddColumn("certification_id", "uuid").AsPrimaryKey();
            t.AddColumn("regency_code", "text").NotNull();
            t.AddColumn("scheme_code", "text").NotNull();
            t.AddColumn("year", "integer").AllowNulls();
            t.AddColumn("state", "text").NotNull();
        }),
    ];

    public override async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> batch, CancellationToken ct)
    {
        var ids = batch.Select(e => CertificationOf(e.Data)).OfType<Guid>().Distinct().ToArray();
        if (ids.Length == 0) return;
        var totals = Table(Totals);
        var certifications = Table(Certifications);
        var known = await LookupAsync(
            $"select certification_id, regency_code, scheme_code, year, state from {certifications} where certification_id = any($1)",
            r => (r.GetGuid(0), new Certification(r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3), r.GetString(4))),
            ct, ids).ConfigureAwait(false);

        var changed = new HashSet<Guid>();
        var deltas = new Dictionary<(int Year, string Regency, string Scheme), Delta>();
        void Count(Certification c, int issued, int valid, int revoked)
        {
            var key = (c.Year!.Value, c.RegencyCode, c.SchemeCode);
            var d = deltas.GetValueOrDefault(key);
            deltas[key] = new Delta(d.Issued + issued, d.Valid + valid, d.Revoked + revoked);
        }
        void Transition(Guid id, string to, string[] from, int validDelta)
        {
            if (known.TryGetValue(id, out var c) && c.Year is not null && from.Contains(c.State))
            {
                known[id] = c with { State = to };
                changed.Add(id);
                Count(c, 0, validDelta, 0);
            }
        }

        Fold(batch, e =>
        {
            switch (e.Data)
            {
                case ArtisanEnrolled x when !known.ContainsKey(x.CertificationId):
                    known[x.CertificationId] = new Certification(x.RegencyCode, x.SchemeCode, null, "enrolled");
                    changed.Add(x.CertificationId);
                    break;
                case CertificateIssued x when known.TryGetValue(x.CertificationId, out var c) && c.Year is null:
                    c = known[x.CertificationId] = c with { Year = x.ValidFrom.Year, State = "valid" };
                    changed.Add(x.CertificationId);
                    Count(c, 1, 1, 0);
                    break;
                case CertificateFrozen x: Transition(x.CertificationId, "frozen", ["valid"], -1); break;
                case CertificateExpired x: Transition(x.CertificationId, "expired", ["valid"], -1); break;
                case CertificateReinstated x: Transition(x.CertificationId, "valid", ["frozen"], +1); break;
                case CertificateRenewed x: Transition(x.CertificationId, "valid", ["frozen", "expired"], +1); break;
                case CertificateRevoked x when known.TryGetValue(x.CertificationId, out var c):
                    if (c.State != "revoked" && c.Year is not null) Count(c, 0, c.State == "valid" ? -1 : 0, 1);
                    known[x.CertificationId] = c with { State = "revoked" };
                    changed.Add(x.CertificationId);
                    break;
            }
        });

        if (changed.Count > 0)
        {
            var rows = changed.Select(id => (Id: id, Row: known[id])).ToList();
            // Regency and scheme never change after enrollment: only the year of issue and the state are updated.
            Queue(operations, $"""
                insert into {certifications} (certification_id, regency_code, scheme_code, year, state)
                select * from unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::text[])
                on conflict (certification_id) do update set year = excluded.year, state = excluded.state
                """, rows.Select(r => r.Id).ToArray(), rows.Select(r => r.Row.RegencyCode).ToArray(),
                rows.Select(r => r.Row.SchemeCode).ToArray(), rows.Select(r => r.Row.Year).ToArray(), rows.Select(r => r.Row.State).ToArray());
        }
        if (deltas.Count > 0)
        {
            var rows = deltas.ToList();
            Queue(operations, $"""
                insert into {totals} as t (year, regency_code, scheme_code, issued, valid, revoked)
                select * from unnest(?::int[], ?::text[], ?::text[], ?::int[], ?::int[], ?::int[])
                on conflict (year, regency_code, scheme_code) do update set
                    issued = t.issued + excluded.issued, valid = t.valid + excluded.valid, revoked = t.revoked + excluded.revoked
                """, rows.Select(r => r.Key.Year).ToArray(), rows.Select(r => r.Key.Regency).ToArray(), rows.Select(r => r.Key.Scheme).ToArray(),
                rows.Select(r => r.Value.Issued).ToArray(), rows.Select(r => r.Value.Valid).ToArray(), rows.Select(r => r.Value.Revoked).ToArray());
        }
    }

    static Guid? CertificationOf(object data) => data switch
    {
        ArtisanEnrolled x => x.CertificationId,
        CertificateIssued x => x.CertificationId,
        CertificateFrozen x => x.CertificationId,
        CertificateExpired x => x.CertificationId,
        CertificateReinstated x => x.CertificationId,
        CertificateRenewed x => x.CertificationId,
        CertificateRevoked x => x.CertificationId,
        _ => null,
    };

    /// <summary>A certification as the lookup table holds it: where it counts, the year it was issued (null before), and its state.</summary>
    sealed record Certification(string RegencyCode, string SchemeCode, int? Year, string State);

    readonly record struct Delta(int Issued, int Valid, int Revoked);
}
