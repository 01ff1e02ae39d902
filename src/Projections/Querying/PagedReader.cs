using Ledger.Marten;
using Npgsql;

namespace Ledger.Projections.Querying;

/// <summary>
/// Runs a read-model query whose parameters are, in order, the filter's year ($1), province ($2), regency
/// ($3), scheme ($4), the page size ($5), the offset ($6) and the signing year ($7, which only agreements have; a query
/// without it declares it unused), and whose last column is <c>count(*) over ()</c>;
/// prepared on its connection (<see cref="PreparedStatements"/>).
/// </summary>
public static class PagedReader
{
    public static async Task<Paged<T>> ReadAsync<T>(NpgsqlDataSource dataSource, string sql, ReadModelFilter filter,
        Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var (items, total) = await RunAsync(dataSource, sql, filter, read, ct).ConfigureAwait(false);
        // A page past the end has no row to carry the total: count it from the first page.
        if (items.Count == 0 && filter.Page > 1)
            (_, total) = await RunAsync(dataSource, sql, filter with { Page = 1, PageSize = 1 }, read, ct).ConfigureAwait(false);
        return new Paged<T>(items, filter.Page, filter.PageSize, total);
    }

    static Task<(List<T> Items, long Total)> RunAsync<T>(NpgsqlDataSource dataSource, string sql, ReadModelFilter filter,
        Func<NpgsqlDataReader, T> read, CancellationToken ct) =>
        PreparedStatements.ReadAsync(dataSource, sql, parameters =>
        {
            parameters.Add(new NpgsqlParameter<int?> { TypedValue = filter.Year, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            parameters.Add(new NpgsqlParameter<string?> { TypedValue = filter.Province, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<string?> { TypedValue = filter.Regency, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<string?> { TypedValue = filter.Scheme, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<int> { TypedValue = filter.PageSize });
            parameters.Add(new NpgsqlParameter<int> { TypedValue = filter.Offset });
            parameters.Add(new NpgsqlParameter<int?> { TypedValue = filter.SignedYear, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        }, async (reader, token) =>
        {
            var items = new List<T>();
            long total = 0;
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                items.Add(read(reader));
                total = reader.GetInt64(reader.FieldCount - 1);
            }
            return (items, total);
        }, ct);
}
