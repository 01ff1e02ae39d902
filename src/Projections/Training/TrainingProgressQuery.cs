using Ledger.Marten;

namespace Ledger.Projections.Training;

/// <summary>One programme's trainees against its target in its year.</summary>
public sealed record ProgrammeProgress(Guid ProgrammeId, string CentreName, string PartnerKind, string PartnerName, string Field,
    int Target, int Admitted, int Completed);

/// <summary>One field's programmes together in a year.</summary>
public sealed record FieldProgress(string Field, int Target, int Admitted, int Completed);

/// <summary>A year of training: every programme's target, admitted and completed trainees, per field and in total.</summary>
public sealed record TrainingYear(int Year, int Target, int Admitted, int Completed, IReadOnlyList<FieldProgress> Fields,
    IReadOnlyList<ProgrammeProgress> Programmes);

public sealed class TrainingProgressQuery(LedgerDatabase database)
{
    /// <summary>Every year with a programme (or only <paramref name="year"/>), oldest first; trainees count in their programme's year.</summary>
    public async Task<IReadOnlyList<TrainingYear>> YearsAsync(int? year, string? field, CancellationToken ct = default)
    {
        var s = database.Quoted;
        var rows = await PreparedStatements.ReadAsync(database.DataSource, $"""
            select year, programme_id, centre_name, partner_kind, partner_name, field, target, admitted, completed
            from {s}.{TrainingTables.Programmes}
            where ($1::int is null or year = $1) and ($2::text is null or field = $2)
            order by year, field, centre_name, programme_id
            """, parameters =>
        {
            parameters.Add(new Npgsql.NpgsqlParameter<int?> { TypedValue = year, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            parameters.Add(new Npgsql.NpgsqlParameter<string?> { TypedValue = field, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        }, async (reader, token) =>
        {
            var list = new List<(int Year, ProgrammeProgress Programme)>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
                list.Add((reader.GetInt32(0), new ProgrammeProgress(reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8))));
            return list;
        }, ct).ConfigureAwait(false);

        return rows.GroupBy(r => r.Year).Select(g =>
        {
            var programmes = g.Select(r => r.Programme).ToList();
            return new TrainingYear(g.Key, programmes.Sum(p => p.Target), programmes.Sum(p => p.Admitted), programmes.Sum(p => p.Completed),
                programmes.GroupBy(p => p.Field).Select(f => new FieldProgress(f.Key, f.Sum(p => p.Target), f.Sum(p => p.Admitted), f.Sum(p => p.Completed))).ToList(),
                programmes);
        }).ToList();
    }
}
