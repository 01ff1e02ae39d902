using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using Ledger.PersonalData;
using Marten;
using Npgsql;
using Weasel.Core;

namespace Ledger.Marten;

/// <summary>
/// The one place that says how the ledger is stored in Marten: the schema, Quick append, every event under
/// its stable name, the metadata each event carries, how each stream type is folded into its state, and the
/// tables of personal data protection.
/// The host, the command-line verbs, the tests and the benchmarks all configure their store through here.
/// </summary>
public static class LedgerStore
{
    /// <summary>The header holding the reason a registrar gave for a change (a revocation, a freeze, ...).</summary>
    public const string ReasonHeader = "reason";

    /// <summary>The header holding the Idempotency-Key a request was sent under.</summary>
    public const string IdempotencyKeyHeader = "idempotency_key";

    /// <summary>The header holding a keyed fingerprint of the command sent under that key, to tell its retry from another request.</summary>
    public const string IdempotentRequestHeader = "idempotency_request";

    /// <summary>The header naming the paper register (its file name and digest) an imported event came from.</summary>
    public const string ImportHeader = "imported_from";

    /// <summary>The header holding the line of the paper register an imported event records.</summary>
    public const string ImportLineHeader = "imported_line";

    /// <summary>The header holding the number printed on a paper certificate, on the imported issuance that gave it the ledger's number.</summary>
    public const string PaperNumberHeader = "paper_certificate_number";

    public static void Configure(StoreOptions options, NpgsqlDataSource dataSource, LedgerStoreSettings settings)
    {
        options.Connection(dataSource);
        options.DatabaseSchemaName = settings.Schema;
        options.Events.DatabaseSchemaName = settings.Schema;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        // Text PostgreSQL cannot store fails the write before it is sent: refused while binding, it would leave the
        // statement Npgsql was preparing on that connection broken for the next write (see LedgerDataSource).
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
            json => json.Converters.Add(new StorableTextConverter()));

        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        // One round trip per append, the server assigning versions, sequence numbers and the moment of recording
        // (PostgreSQL's clock, the same for every API node, so time travel by instant follows the order of commits).
        options.Events.AppendMode = EventAppendMode.Quick;

        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;

        options.Storage.Add(new PersonalDataTables(options));

        foreach (var (type, name) in LedgerEventNames.All)
        {
            options.Events.AddEventType(type);
            options.Events.MapEventType(type, name);
        }

        options.Storage.Add(new TamperEvidence(options));

        options.Projections.Add(new StreamAggregation<Artisan>(), ProjectionLifecycle.Live);
        options.Projections.Add(new StreamAggregation<Mou>(), ProjectionLifecycle.Live);
        options.Projections.Add(new StreamAggregation<Pks>(), ProjectionLifecycle.Live);
        options.Projections.Add(new StreamAggregation<Batch>(), ProjectionLifecycle.Live);
        options.Projections.Add(new StreamAggregation<Certification>(), ProjectionLifecycle.Live);
        options.Projections.Add(new StreamAggregation<CertificateNumbering>(), ProjectionLifecycle.Live);
        options.Projections.Add(new StreamAggregation<Training.TrainingProgramme>(), ProjectionLifecycle.Live);
    }
}

/// <summary>Where the ledger keeps its tables.</summary>
public sealed class LedgerStoreSettings
{
    /// <summary>The PostgreSQL schema holding the ledger's tables (one per test class, in tests).</summary>
    public string Schema { get; init; } = "ledger";
}
