using Ledger.Marten;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Ledger.PersonalData;

/// <summary>
/// The tables of personal data protection, created and kept by Marten's schema management:
/// <list type="bullet">
/// <item><c>personal_data_keys</c>: one random AES key per data subject (an artisan). Deleting a row is the
/// erasure: the sealed fields in the events stay, but nobody can read them any more.</item>
/// <item><c>artisan_nik_hashes</c>: the keyed hash of every registered NIK, unique, written in the registration's
/// own transaction, so that two concurrent registrations of the same person cannot both commit.</item>
/// </list>
/// The statements on them are queued in the command's own Marten session, so they commit with its events.
/// </summary>
public sealed class PersonalDataTables(StoreOptions options) : FeatureSchemaBase("personal_data", options.Advanced.Migrator)
{
    public const string NikHashUniqueConstraint = "artisan_nik_hashes_pkey";

    string Schema { get; } = options.DatabaseSchemaName;

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var keys = new Table(PostgresNames.Relation(Schema, "personal_data_keys"));
        keys.AddColumn<Guid>("subject_id").AsPrimaryKey();
        keys.AddColumn("key", "bytea").NotNull();
        keys.AddColumn("created_at", "timestamptz").NotNull().DefaultValueByExpression("now()");
        yield return keys;

        var hashes = new Table(PostgresNames.Relation(Schema, "artisan_nik_hashes"));
        hashes.AddColumn<string>("nik_hash").AsPrimaryKey();
        hashes.AddColumn<Guid>("artisan_id").NotNull().AddIndex(i => i.IsUnique = true);
        hashes.PrimaryKeyName = NikHashUniqueConstraint;
        yield return hashes;
    }

    /// <summary>Stores a new subject's key with the events that register them.</summary>
    public static void StoreKey(IDocumentSession session, Guid subjectId, byte[] key) =>
        session.QueueSqlCommand($"insert into {Quoted(session)}.personal_data_keys (subject_id, key) values (?, ?) on conflict (subject_id) do nothing", subjectId, key);

    /// <summary>Destroys a subject's key with the event that records the erasure.</summary>
    public static void DestroyKey(IDocumentSession session, Guid subjectId) =>
        session.QueueSqlCommand($"delete from {Quoted(session)}.personal_data_keys where subject_id = ?", subjectId);

    /// <summary>Records a registered artisan's NIK hash; a second artisan with the same NIK fails the unique key.</summary>
    public static void RecordNikHash(IDocumentSession session, string nikHash, Guid artisanId) =>
        session.QueueSqlCommand($"insert into {Quoted(session)}.artisan_nik_hashes (nik_hash, artisan_id) values (?, ?)", nikHash, artisanId);

    /// <summary>Replaces an artisan's NIK hash after a correction of their NIK.</summary>
    public static void ChangeNikHash(IDocumentSession session, string nikHash, Guid artisanId) =>
        session.QueueSqlCommand($"update {Quoted(session)}.artisan_nik_hashes set nik_hash = ? where artisan_id = ?", nikHash, artisanId);

    internal static string KeyQuery(string quotedSchema) => $"select key from {quotedSchema}.personal_data_keys where subject_id = $1";

    static string Quoted(IDocumentSession session) => LedgerDatabase.Quote(session.DocumentStore.Options.DatabaseSchemaName);
}
