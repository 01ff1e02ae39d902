namespace Ledger.Store.Schema;

/// <summary>
/// <c>begin_append</c>: takes the append locks of a unit of work's streams in the given (sorted) order,
/// then its transaction id, and fails with SQLSTATE <c>LV409</c> when a stream is not at the version its
/// writer expected (-1: any). With it, an append checks, writes and commits in one round trip.
/// </summary>
public static class StreamVersionCheck
{
    public const string SqlState = "LV409";

    public static readonly Migration Create = new(3, "append locks and version check", s => $$"""
        create function {{s}}.begin_append(lock_keys bigint[], ids uuid[], expected bigint[]) returns xid8
        language plpgsql as $fn$
        declare
            actual bigint;
        begin
            for i in 1 .. coalesce(array_length(lock_keys, 1), 0) loop
                perform pg_advisory_xact_lock(lock_keys[i]);
            end loop;
            for i in 1 .. coalesce(array_length(ids, 1), 0) loop
                if expected[i] <> -1 then
                    actual := coalesce((select version from {{s}}.streams where id = ids[i]), 0);
                    if actual <> expected[i] then
                        raise exception using
                            errcode = '{{SqlState}}',
                            message = format('stream %s is at version %s, not %s', ids[i], actual, expected[i]);
                    end if;
                end if;
            end loop;
            return pg_current_xact_id();
        end
        $fn$;
        """);

    /// <summary>
    /// <c>append_conflict</c>: raises the same <c>LV409</c> error, for the one-statement append of a single event,
    /// which checks its stream's version inline and calls this only when the check fails.
    /// </summary>
    public static readonly Migration Conflict = new(5, "append conflict", s => $$"""
        create function {{s}}.append_conflict(id uuid, actual bigint, expected bigint) returns boolean
        language plpgsql as $fn$
        begin
            raise exception using
                errcode = '{{SqlState}}',
                message = format('stream %s is at version %s, not %s', id, actual, expected);
        end
        $fn$;
        """);
}
