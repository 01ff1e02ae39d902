using Ledger.Certifications;
using Ledger.Projections.Daemon;
using Ledger.Projections.Querying;
using Ledger.Store;

namespace Ledger.Projections.RegencyTotals;

/// <summary>
/// Certified artisans per year of issue, regency and scheme: certificates issued, currently valid, revoked.
/// Each certification's regency and scheme come from its enrollment, kept in a lookup table of its own.
/// "Currently valid" follows the recorded events (freeze, reinstatement, revocation, expiry, renewal).
/// </summary>
public sealed class RegencyTotalsProjection : IAsyncProjection
{
    public const string Totals = "regency_totals";
    public const string Certifications = "regency_totals_certifications";

    public string Name => "regency_totals";

    public IReadOnlyList<ProjectionTable> Tables { get; } =
    [
        new(Totals, t => $"""
            create table {t} (
                year          int not null,
                regency_code  text not null,
                scheme_code   text not null,
                issued        int not null,
                valid         int not null,
                revoked       int not null,
                primary key (year, regency_code, scheme_code)
            );
            create index {t.Name}_by_regency on {t} (regency_code, year);
            """),
        new(Certifications, t => $"""
            create table {t} (
                certification_id  uuid primary key,
                regency_code      text not null,
                scheme_code       text not null,
                year              int,
                state             text not null
            );
            """),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var totals = context.Table(Totals);
        var certifications = context.Table(Certifications);
        await using var writer = new BatchWriter(context.Batch());
        foreach (var e in batch)
        {
            switch (e.Data)
            {
                case ArtisanEnrolled x:
                    writer.Add($"""
                        insert into {certifications} (certification_id, regency_code, scheme_code, year, state)
                        values ($1, $2, $3, null, 'enrolled') on conflict (certification_id) do nothing
                        """, x.CertificationId, x.RegencyCode, x.SchemeCode);
                    break;
                case CertificateIssued x:
                    writer.Add($"""
                        with c as (
                            update {certifications} set year = $2, state = 'valid'
                            where certification_id = $1 and year is null
                            returning year, regency_code, scheme_code)
                        insert into {totals} as t (year, regency_code, scheme_code, issued, valid, revoked)
                        select year, regency_code, scheme_code, 1, 1, 0 from c
                        on conflict (year, regency_code, scheme_code) do update set issued = t.issued + 1, valid = t.valid + 1
                        """, x.CertificationId, x.ValidFrom.Year);
                    break;
                case CertificateFrozen x: Transition(writer, context, x.CertificationId, "frozen", ["valid"], -1); break;
                case CertificateExpired x: Transition(writer, context, x.CertificationId, "expired", ["valid"], -1); break;
                case CertificateReinstated x: Transition(writer, context, x.CertificationId, "valid", ["frozen"], +1); break;
                case CertificateRenewed x: Transition(writer, context, x.CertificationId, "valid", ["frozen", "expired"], +1); break;
                case CertificateRevoked x:
                    writer.Add($"""
                        update {totals} t set revoked = t.revoked + 1, valid = t.valid - case when c.state = 'valid' then 1 else 0 end
                        from {certifications} c
                        where c.certification_id = $1 and c.state <> 'revoked' and c.year is not null
                          and t.year = c.year and t.regency_code = c.regency_code and t.scheme_code = c.scheme_code
                        """, x.CertificationId);
                    writer.Add($"update {certifications} set state = 'revoked' where certification_id = $1", x.CertificationId);
                    break;
            }
        }
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Moves an issued certification from one of <paramref name="from"/> to <paramref name="to"/>, adjusting its valid count.</summary>
    static void Transition(BatchWriter writer, ProjectionContext context, Guid certificationId, string to, string[] from, int validDelta) =>
        writer.Add($"""
            with c as (
                update {context.Table(Certifications)} set state = $2
                where certification_id = $1 and state = any($3) and year is not null
                returning year, regency_code, scheme_code)
            update {context.Table(Totals)} t set valid = t.valid + $4
            from c where t.year = c.year and t.regency_code = c.regency_code and t.scheme_code = c.scheme_code
            """, certificationId, to, from, validDelta);
}
