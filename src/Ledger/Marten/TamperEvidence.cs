using Ledger.Integrity;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;

namespace Ledger.Marten;

/// <summary>
/// The ledger's tamper evidence as a Marten schema feature, so that Marten's migrations own it: the hash chain
/// trigger on <c>mt_events</c> (<see cref="HashChain"/>), the triggers refusing changes to recorded events
/// (<see cref="ImmutableEvents"/>), and the signed checkpoints table (<see cref="CheckpointsTable"/>), all in
/// the event store's schema. Registered by <see cref="LedgerStore.Configure"/>.
/// </summary>
public sealed class TamperEvidence(StoreOptions options) : FeatureSchemaBase("LedgerTamperEvidence", options.Advanced.Migrator)
{
    /// <summary>The hash chain function's version to install; <see cref="HashChain.CurrentVersion"/> but in an upgrade's test.</summary>
    internal int HashChainVersion { get; set; } = HashChain.CurrentVersion;

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var schema = options.Events.DatabaseSchemaName;
        return [
            .. new HashChain(schema, HashChainVersion).SchemaObjects(),
            .. new ImmutableEvents(schema).SchemaObjects(),
            .. new CheckpointsTable(schema).SchemaObjects(),
        ];
    }
}
