using Ledger.Integrity;
using Ledger.Marten;
using Ledger.Testing;
using Marten;

namespace Ledger.Tests.Integrity;

/// <summary>
/// A test of the ledger's tamper evidence on its Marten store: the tally events registered, a signing key,
/// and ways to append, to checkpoint everything, and to reach under the store as a superuser would.
/// </summary>
public abstract class IntegrityTest : LedgerStoreTest
{
    protected CheckpointSigner Signer { get; } = CheckpointSigner.Generate();

    protected LedgerIntegrity Integrity => new(Store, Signer, Clock);

    protected override void Configure(StoreOptions options)
    {
        foreach (var (type, name) in new[] { (typeof(TallyOpened), "tally_opened"), (typeof(TallyIncremented), "tally_incremented"), (typeof(TallyRenamed), "tally_renamed") })
        {
            options.Events.AddEventType(type);
            options.Events.MapEventType(type, name);
        }
    }

    /// <summary>Appends to a stream (starting it when <paramref name="start"/>) in one session, as a registrar with a reason.</summary>
    protected async Task AppendAsync(Guid stream, bool start, params object[] events)
    {
        await using var session = Store.LightweightSession();
        session.CorrelationId = "corr-7";
        session.CausationId = "entry";
        session.LastModifiedBy = "registrar:siti";
        session.SetHeader(LedgerStore.ReasonHeader, "monthly tally");
        if (start) session.Events.StartStream(stream, events);
        else session.Events.Append(stream, events);
        await session.SaveChangesAsync();
    }

    /// <summary>
    /// Checkpoints stay behind transactions still running on the event tables, so a test that needs everything
    /// signed writes checkpoints until the last one covers the head of the log.
    /// </summary>
    protected async Task CheckpointEverythingAsync()
    {
        var head = await HeadAsync();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await Integrity.WriteCheckpointAsync();
            if ((await Integrity.ReadCheckpointsAsync()).LastOrDefault() is { } last && last.Position >= head) return;
            await Task.Delay(25);
        }
        throw new TimeoutException("The checkpoints never caught up with the head of the log.");
    }

    protected Task<long> HeadAsync() => TestDatabase.ScalarAsync<long>($"select coalesce(max(seq_id), 0) from {Schema}.mt_events");

    protected Task<long> PositionOf(Guid stream, long version) =>
        TestDatabase.ScalarAsync<long>($"select seq_id from {Schema}.mt_events where stream_id = $1 and version = $2", stream, version);

    /// <summary>Runs SQL with <c>{s}</c> standing for the test's schema.</summary>
    protected Task Sql(string sql, params object[] parameters) => TestDatabase.ExecuteAsync(sql.Replace("{s}", Schema), parameters);

    /// <summary>What a superuser can do: switch off the triggers that refuse changes to recorded events.</summary>
    protected async Task DisableTheGuardAsync()
    {
        foreach (var trigger in ImmutableEvents.TriggerNames) await Sql($"alter table {{s}}.mt_events disable trigger {trigger}");
    }
}
