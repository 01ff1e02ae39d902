using Ledger.Certifications;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.ScheduledMessageManagement;
using Wolverine.Util;

namespace Ledger.Testing;

/// <summary>One certificate expiry as Wolverine's message storage holds it: <c>Scheduled</c>, <c>Incoming</c> or <c>Handled</c>.</summary>
public sealed record StoredExpiry(Guid Id, string Status, DateTimeOffset? ExecutionTime)
{
    public bool Pending => Status is "Scheduled" or "Incoming";
}

/// <summary>The certificate expiries in a schema's <c>wolverine_incoming_envelopes</c>, read as the table holds them.</summary>
public static class StoredExpiries
{
    public static readonly string MessageType = typeof(CertificateExpiryDue).ToMessageTypeName();

    public static async Task<IReadOnlyList<StoredExpiry>> InAsync(string schema)
    {
        await using var command = TestDatabase.DataSource.CreateCommand(
            $"select id, status, execution_time from \"{schema}\".wolverine_incoming_envelopes where message_type = $1 order by execution_time, id");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = MessageType });
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new List<StoredExpiry>();
        while (await reader.ReadAsync())
            stored.Add(new StoredExpiry(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
        return stored;
    }

    public static async Task<long> DeadLettersAsync(string schema) =>
        await TestDatabase.ScalarAsync<long>($"select count(*) from \"{schema}\".wolverine_dead_letters");

    /// <summary>Moves scheduled expiries to now through Wolverine's own administration (as an operator would), so they come due at once.</summary>
    public static async Task<int> BringForwardAsync(IMessageStore storage, Func<ScheduledMessageSummary, bool>? which = null)
    {
        var scheduled = await storage.ScheduledMessages.QueryAsync(new ScheduledMessageQuery { MessageType = MessageType, PageSize = 10_000 }, CancellationToken.None);
        var moved = 0;
        foreach (var message in scheduled.Messages.Where(which ?? (_ => true)))
        {
            await storage.ScheduledMessages.RescheduleAsync(message.Id, DateTimeOffset.UtcNow, CancellationToken.None);
            moved++;
        }
        return moved;
    }
}
