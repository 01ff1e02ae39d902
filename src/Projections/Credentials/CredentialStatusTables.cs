using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Ledger.Projections.Credentials;

/// <summary>
/// The tables behind the credentials' status lists (Bitstring Status List v1.0), kept inline with the events:
/// <c>credential_status_entries</c> (each certificate's list and index, allocated once, at issuance) and
/// <c>credential_status_lists</c> (one bitstring per status purpose and list, <see cref="StatusLists.Entries"/> bits,
/// with a version that grows at each change). Indexes come from <c>credential_status_index</c> and are spread over a
/// list (<see cref="StatusLists.Spread"/>), so that neighbouring certificates do not sit at neighbouring bits. Statements
/// queued through Marten take <c>?</c> placeholders, in order.
/// </summary>
public sealed class CredentialStatusTables(string schema, Migrator migrator) : FeatureSchemaBase("ledger_credential_status", migrator)
{
    public const string Entries = "credential_status_entries";
    public const string Lists = "credential_status_lists";
    public const string Sequence = "credential_status_index";

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        yield return new Sequence(new PostgresqlObjectName(schema, Sequence, SchemaUtils.IdentifierUsage.General));

        var entries = new Table(new PostgresqlObjectName(schema, Entries, SchemaUtils.IdentifierUsage.General));
        entries.AddColumn("certificate_number", "text").AsPrimaryKey();
        entries.AddColumn("list_number", "integer").NotNull();
        entries.AddColumn("list_index", "integer").NotNull();
        entries.Indexes.Add(new IndexDefinition($"{Entries}_position") { Columns = ["list_number", "list_index"], IsUnique = true });
        yield return entries;

        var lists = new Table(new PostgresqlObjectName(schema, Lists, SchemaUtils.IdentifierUsage.General));
        lists.AddColumn("purpose", "text").AsPrimaryKey();
        lists.AddColumn("list_number", "integer").AsPrimaryKey();
        lists.AddColumn("bits", "bytea").NotNull();
        lists.AddColumn("version", "bigint").NotNull();
        lists.AddColumn("updated_at", "timestamptz").NotNull();
        yield return lists;
    }

    /// <summary>
    /// Allocates the certificate's list and index (<c>?</c>: the number, twice), unless it has them: the sequence's next
    /// value n (from 0) is list n / size + 1, at index (n mod size) spread over the list.
    /// </summary>
    public static string Allocate(string s) => $"""
        insert into {s}.{Entries} (certificate_number, list_number, list_index)
        select ?, (n / {StatusLists.Entries}) + 1, ((n % {StatusLists.Entries}) * {StatusLists.Spread}) % {StatusLists.Entries}
        from (select nextval('{s}.{Sequence}') - 1 as n) next
        where not exists (select 1 from {s}.{Entries} where certificate_number = ?)
        on conflict (certificate_number) do nothing
        """;

    /// <summary>
    /// Makes sure the certificate's list of a purpose exists, all zeros (<c>?</c>: the purpose, the number).
    /// </summary>
    public static string EnsureList(string s) => $"""
        insert into {s}.{Lists} (purpose, list_number, bits, version, updated_at)
        select ?, e.list_number, decode(repeat('00', {StatusLists.Entries / 8}), 'hex'), 0, now()
        from {s}.{Entries} e where e.certificate_number = ?
        on conflict (purpose, list_number) do nothing
        """;

    /// <summary>
    /// Sets the certificate's bit in its list of a purpose (<c>?</c>: the bit, the number, the purpose, the bit), and
    /// moves the list's version on only when the bit changes. The status list's index 0 is the first byte's most
    /// significant bit; PostgreSQL numbers a byte's bits from its least significant one.
    /// </summary>
    public static string SetBit(string s) => $"""
        update {s}.{Lists} l
        set bits = set_bit(l.bits, {PostgresBit("e.list_index")}, ?), version = l.version + 1, updated_at = now()
        from {s}.{Entries} e
        where e.certificate_number = ? and l.purpose = ? and l.list_number = e.list_number
          and get_bit(l.bits, {PostgresBit("e.list_index")}) <> ?
        """;

    static string PostgresBit(string index) => $"(({index} / 8) * 8 + 7 - ({index} % 8))";

    /// <summary>The certificate's list and index ($1: the number).</summary>
    public static string FindEntry(string s) =>
        $"select list_number, list_index from {s}.{Entries} where certificate_number = $1";

    /// <summary>A list's bits, version and last change ($1: the purpose, $2: the list).</summary>
    public static string FindList(string s) =>
        $"select bits, version, updated_at from {s}.{Lists} where purpose = $1 and list_number = $2";
}
