namespace Ledger.Store.Schema;

/// <summary>
/// The hash chain: each event's <c>hash</c> is SHA-256 over the previous event's hash in its stream (32 zero
/// bytes before the first) followed by the SHA-256 of its canonical encoding (see <see cref="CanonicalEncoding"/>).
/// Computed inside the append's transaction; <c>streams.last_hash</c> keeps each chain's head. Events recorded
/// before this migration are hashed by it.
/// </summary>
public static class EventHashes
{
    /// <summary>The SQL expression of an event's canonical encoding's SHA-256, over columns or inputs named as in <c>events</c>.</summary>
    public static string ContentHashSql(string streamId, string version, string type, string data, string metadata, string recordedAt) =>
        $"sha256(convert_to(concat_ws(E'\\n', {streamId}::text, {version}::text, {type}, {data}::text, {metadata}::text, " +
        $"(extract(epoch from {recordedAt}) * 1000000)::bigint::text), 'UTF8'))";

    public static readonly Migration Create = new(4, "event hash chain", s => $$"""
        alter table {{s}}.events add column hash bytea;
        alter table {{s}}.streams add column last_hash bytea;

        -- Chains content hashes in order; events of one stream are contiguous and in version order.
        create function {{s}}.chain_hashes(stream_ids uuid[], contents bytea[]) returns bytea[]
        language plpgsql as $fn$
        declare
            chained bytea[] := '{}';
            previous bytea;
        begin
            for i in 1 .. coalesce(array_length(stream_ids, 1), 0) loop
                if i = 1 or stream_ids[i] <> stream_ids[i - 1] then
                    previous := coalesce((select last_hash from {{s}}.streams where id = stream_ids[i]), '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
                end if;
                previous := sha256(previous || contents[i]);
                chained := chained || previous;
            end loop;
            return chained;
        end
        $fn$;

        do $backfill$
        declare
            s record;
            e record;
            previous bytea;
        begin
            for s in select id from {{s}}.streams order by id loop
                previous := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
                for e in select seq, {{ContentHashSql("stream_id", "version", "type", "data", "metadata", "recorded_at")}} as content
                         from {{s}}.events where stream_id = s.id order by version loop
                    previous := sha256(previous || e.content);
                    update {{s}}.events set hash = previous where seq = e.seq;
                end loop;
                update {{s}}.streams set last_hash = previous where id = s.id;
            end loop;
        end
        $backfill$;

        alter table {{s}}.events alter column hash set not null;
        """);
}
