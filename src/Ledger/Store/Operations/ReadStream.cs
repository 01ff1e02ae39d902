using Npgsql;

namespace Ledger.Store.Operations;

/// <summary>
/// A stream's events between two versions, in version order; with an instant, only those before the first
/// event recorded after it (the stream as it stood then, even if clocks disagreed between writers).
/// </summary>
static class ReadStream
{
    public static NpgsqlCommand Command(NpgsqlDataSource dataSource, string schema, Guid streamId, long fromVersion, long toVersion, DateTimeOffset? asOf = null)
    {
        var command = dataSource.CreateCommand(asOf is null
            ? $"select {EventRows.Columns} from {schema}.events where stream_id = $1 and version between $2 and $3 order by version"
            : $"""
              select {EventRows.Columns} from {schema}.events
              where stream_id = $1 and version between $2 and $3
                and version < coalesce((select min(version) from {schema}.events where stream_id = $1 and recorded_at > $4), 9223372036854775807)
              order by version
              """);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = fromVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = toVersion });
        if (asOf is { } instant) command.Parameters.Add(new NpgsqlParameter { Value = instant, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        return command;
    }

    /// <summary>The events of a stream that <paramref name="actor"/> recorded under <paramref name="idempotencyKey"/>, in order.</summary>
    public static NpgsqlCommand ByIdempotencyKey(NpgsqlDataSource dataSource, string schema, Guid streamId, string actor, string idempotencyKey)
    {
        var command = dataSource.CreateCommand($"""
            select {EventRows.Columns} from {schema}.events
            where stream_id = $1 and metadata->>'idempotencyKey' = $2 and metadata->>'actor' = $3
            order by version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = idempotencyKey });
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        return command;
    }
}
