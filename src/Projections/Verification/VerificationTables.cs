using Ledger.Projections.ReadModels;

namespace Ledger.Projections.Verification;

/// <summary>
/// The inline tables behind the public lookup: <c>verification_view</c> (one row per certificate number),
/// <c>verification_holders</c> (certification to artisan, from the enrollment) and <c>artisan_names</c>
/// (the artisan's name exactly as sealed in the events, never in clear). Statements queued through Marten
/// take <c>?</c> placeholders, in order.
/// </summary>
public static class VerificationTables
{
    public static IReadOnlyList<ReadModelTable> All { get; } =
    [
        new("verification_view", t =>
        {
            t.AddColumn("certificate_number", "text").AsPrimaryKey();
            t.AddColumn("certification_id", "uuid").NotNull();
            t.AddColumn("artisan_id", "uuid").AllowNulls();
            t.AddColumn("scheme_code", "text").NotNull();
            t.AddColumn("issuing_lsp", "text").NotNull();
            t.AddColumn("issued_on", "date").NotNull();
            t.AddColumn("valid_until", "date").NotNull();
            t.AddColumn("status", "text").NotNull();
            t.AddColumn("reason", "text").AllowNulls();
            t.AddColumn("updated_version", "bigint").NotNull();
        }, ("by_certification", ["certification_id"])),
        new("verification_holders", t =>
        {
            t.AddColumn("certification_id", "uuid").AsPrimaryKey();
            t.AddColumn("artisan_id", "uuid").NotNull();
        }),
        new("artisan_names", t =>
        {
            t.AddColumn("artisan_id", "uuid").AsPrimaryKey();
            t.AddColumn("sealed_name", "text").NotNull();
        }),
    ];

    public static string InsertHolder(string s) => $"""
        insert into {s}.verification_holders (certification_id, artisan_id) values (?, ?)
        on conflict (certification_id) do nothing
        """;

    public static string UpsertName(string s) => $"""
        insert into {s}.artisan_names (artisan_id, sealed_name) values (?, ?)
        on conflict (artisan_id) do update set sealed_name = excluded.sealed_name
        """;

    /// <summary>Issuance: a new row, valid; its holder comes from the enrollment recorded earlier in the stream.</summary>
    public static string Issue(string s) => $"""
        insert into {s}.verification_view
            (certificate_number, certification_id, artisan_id, scheme_code, issuing_lsp, issued_on, valid_until, status, reason, updated_version)
        values (?, ?, (select artisan_id from {s}.verification_holders where certification_id = ?), ?, ?, ?, ?, 'valid', null,
                coalesce((select version from {s}.mt_streams where id = ?), 0))
        on conflict (certificate_number) do nothing
        """;

    /// <summary>
    /// A change of status (and, on renewal, of validity), stamped with the certification stream's version. A row
    /// already stamped with a later version is left alone; changes of one append share a version and apply in order.
    /// </summary>
    public static string ChangeStatus(string s) => $"""
        update {s}.verification_view v
        set status = ?, reason = ?::text, valid_until = coalesce(?::date, v.valid_until), updated_version = w.version
        from (select coalesce((select version from {s}.mt_streams where id = ?), 0) as version) w
        where v.certificate_number = ? and v.certification_id = ? and v.updated_version <= w.version
        """;

    /// <summary>Every certificate in force (valid or frozen) and its last valid day.</summary>
    public static string InForce(string s) => $"""
        select certification_id, valid_until from {s}.verification_view
        where status in ('{VerificationStatuses.Valid}', '{VerificationStatuses.Frozen}')
        order by valid_until, certificate_number
        """;

    public static string Find(string s) => Select(s, "v.certificate_number = $1");

    /// <summary>The same as <see cref="Find"/> for every number in the text array <c>$1</c> at once.</summary>
    public static string FindMany(string s) => Select(s, "v.certificate_number = any($1)");

    static string Select(string s, string where) => $"""
        select v.certificate_number, v.certification_id, v.artisan_id, v.scheme_code, v.issuing_lsp, v.issued_on, v.valid_until,
               v.status, v.reason, v.updated_version, n.sealed_name, k.key
        from {s}.verification_view v
        left join {s}.artisan_names n on n.artisan_id = v.artisan_id
        left join {s}.personal_data_keys k on k.subject_id = v.artisan_id
        where {where}
        """;
}
