using Ledger.Store.Schema;

namespace Ledger.Projections.Verification;

/// <summary>
/// The inline tables behind the public lookup: <c>verification_view</c> (one row per certificate number),
/// <c>verification_holders</c> (certification to artisan, from the enrollment) and <c>artisan_names</c>
/// (the artisan's name exactly as sealed in the events, never in clear).
/// </summary>
public static class VerificationTables
{
    public static readonly Migration Create = new(210, "verification view, holders and sealed artisan names", s => $"""
        create table {s}.verification_view (
            certificate_number  text primary key,
            certification_id    uuid not null,
            artisan_id          uuid,
            scheme_code         text not null,
            issuing_lsp         text not null,
            issued_on           date not null,
            valid_until         date not null,
            status              text not null check (status in ('valid', 'frozen', 'revoked', 'expired')),
            reason              text,
            updated_version     bigint not null
        );
        create index verification_view_by_certification on {s}.verification_view (certification_id);
        create table {s}.verification_holders (
            certification_id  uuid primary key,
            artisan_id        uuid not null
        );
        create table {s}.artisan_names (
            artisan_id   uuid primary key,
            sealed_name  text not null
        );
        """);

    public static IReadOnlyList<Migration> All { get; } = [Create];

    public static string InsertHolder(string s) => $"""
        insert into {s}.verification_holders (certification_id, artisan_id) values ($1, $2)
        on conflict (certification_id) do nothing
        """;

    public static string UpsertName(string s) => $"""
        insert into {s}.artisan_names (artisan_id, sealed_name) values ($1, $2)
        on conflict (artisan_id) do update set sealed_name = excluded.sealed_name
        """;

    /// <summary>Issuance: a new row, valid; its holder comes from the enrollment recorded earlier in the stream.</summary>
    public static string Issue(string s) => $"""
        insert into {s}.verification_view
            (certificate_number, certification_id, artisan_id, scheme_code, issuing_lsp, issued_on, valid_until, status, reason, updated_version)
        values ($1, $2, (select artisan_id from {s}.verification_holders where certification_id = $2), $3, $4, $5, $6, 'valid', null, $7)
        on conflict (certificate_number) do nothing
        """;

    /// <summary>A change of status (and, on renewal, of validity); older versions never overwrite newer ones.</summary>
    public static string ChangeStatus(string s) => $"""
        update {s}.verification_view
        set status = $2, reason = $3, valid_until = coalesce($4, valid_until), updated_version = $5
        where certificate_number = $1 and updated_version < $5
        """;

    /// <summary>Certificates still shown valid or frozen whose last valid day is before <c>$1</c>, oldest first, at most <c>$2</c>.</summary>
    public static string PastTheirDates(string s) => $"""
        select certification_id from {s}.verification_view
        where status in ('valid', 'frozen') and valid_until < $1
        order by valid_until, certificate_number
        limit $2
        """;

    public static string Find(string s) => $"""
        select v.certificate_number, v.certification_id, v.artisan_id, v.scheme_code, v.issuing_lsp, v.issued_on, v.valid_until,
               v.status, v.reason, v.updated_version, n.sealed_name, k.key
        from {s}.verification_view v
        left join {s}.artisan_names n on n.artisan_id = v.artisan_id
        left join {s}.personal_data_keys k on k.subject_id = v.artisan_id
        where v.certificate_number = $1
        """;
}
