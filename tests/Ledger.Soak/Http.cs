using Ledger.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Marten;
using Ledger.Projections;
using Ledger.Projections.ReadModels;
using Npgsql;

namespace Ledger.Soak;

/// <summary>The HTTP and SQL steps the soak and the scale-out run take, against real processes.</summary>
static class Http
{
    static HttpClient Client(Uri api, string? token) => new()
    {
        BaseAddress = api,
        Timeout = TimeSpan.FromSeconds(15),
        DefaultRequestHeaders = { Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token) },
    };

    static long acknowledged;
    static readonly System.Collections.Concurrent.ConcurrentBag<Guid> created = [];

    /// <summary>Writes answered 2xx through <see cref="PostAsync"/> and the certificate issuance steps.</summary>
    public static long Acknowledged => Interlocked.Read(ref acknowledged);

    /// <summary>The ids (streams) that acknowledged creations returned.</summary>
    public static IReadOnlyCollection<Guid> Created => created;

    public static async Task<Guid> PostAsync(Uri api, string token, string path, object body, CancellationToken ct)
    {
        using var http = Client(api, token);
        var response = await http.PostAsJsonAsync(path, body, ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        Interlocked.Increment(ref acknowledged);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        created.Add(id);
        return id;
    }

    static async Task<JsonElement> SendAsync(Uri api, string token, string path, object? body, CancellationToken ct)
    {
        using var http = Client(api, token);
        var response = body is null ? await http.PostAsync(path, null, ct) : await http.PostAsJsonAsync(path, body, ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        Interlocked.Increment(ref acknowledged);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    public static async Task<string> GetStringAsync(Uri api, string token, string path, CancellationToken ct)
    {
        using var http = Client(api, token);
        return await http.GetStringAsync(path, ct);
    }

    public static async Task<Guid> SignAgreementsAsync(Uri api, string agency, CancellationToken ct, int yearlyQuota = 10_000)
    {
        var today = Ledger.Domain.Days.InJakarta(DateTimeOffset.UtcNow);
        var mou = await PostAsync(api, agency, "/api/registry/mous", new
        {
            regencyCode = "35.23", centreName = "BBSPJIKB Yogyakarta", regencyHead = "Bupati Tuban", centreHead = "Kepala BBSPJIKB",
            signedOn = today.AddMonths(-2), validUntil = today.AddYears(4),
        }, ct);
        return await PostAsync(api, agency, "/api/registry/pks", new
        {
            mouId = mou, agencyName = "Dinas Koperasi UKM Tuban", agencyHead = "Kepala Dinas", centreHead = "Kepala BBSPJIKB",
            signedOn = today.AddMonths(-1), validUntil = today.AddYears(2), schemes = new[] { "PEMBATIK-TULIS" }, yearlyQuota,
        }, ct);
    }

    /// <summary>Takes a new artisan through enrollment, assessment and a K decision to a certificate; its number.</summary>
    public static async Task<string> IssueAsync(Uri api, string registrar, Guid pks, CancellationToken ct)
    {
        var artisan = await PostAsync(api, registrar, "/api/registry/artisans", new
        {
            name = "Endang Susilowati", nik = "3523999900000001", gender = "Female", birthYear = 1979, regencyCode = "35.23", businessName = "IKM Gedog",
        }, ct);
        var certification = await PostAsync(api, registrar, "/api/registry/certifications", new { artisanId = artisan, schemeCode = "PEMBATIK-TULIS", pksId = pks }, ct);
        var path = $"/api/registry/certifications/{certification}";
        await SendAsync(api, registrar, $"{path}/application/acceptance", null, ct);
        await SendAsync(api, registrar, $"{path}/assessments", new
        {
            assessor = "Sri Wahyuni", assessmentSite = "TUK Sewaktu Tuban", assessedOn = Ledger.Domain.Days.TodayInJakarta(TimeProvider.System),
            units = new[] { new { unitCode = "C.13BTK01.001.2", recommendation = "Competent", method = "Observation" } },
        }, ct);
        await SendAsync(api, registrar, $"{path}/decision", new { decision = "Competent", panel = new[] { "Endang Lestari", "Bambang Sutrisno" } }, ct);
        var issued = await SendAsync(api, registrar, $"{path}/certificate", new { blankoNumber = "BNSP-B 0099001", issuingLsp = "LSPBATIK" }, ct);
        return issued.GetProperty("certificateNumber").GetString()!;
    }

    public static async Task<TimeSpan?> VerifyUntilFoundAsync(Uri api, string number, TimeSpan within, CancellationToken ct)
    {
        using var http = Client(api, null);
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < within)
        {
            if ((await http.GetAsync($"/api/verify/{number}", ct)).StatusCode == HttpStatusCode.OK) return stopwatch.Elapsed;
            await Task.Delay(20, ct);
        }
        return null;
    }

    public static async Task<JsonElement> ReadinessAsync(Uri api, CancellationToken ct)
    {
        using var http = Client(api, null);
        return await (await http.GetAsync("/health/ready", ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    /// <summary>
    /// The one node whose readiness says it leads Marten's daemon (<c>leading</c>) with every read model running there,
    /// while every other node answering says it does not lead; or null when that is not seen within <paramref name="within"/>.
    /// </summary>
    public static async Task<ApiProcess?> WaitForSingleLeaderAsync(IReadOnlyList<ApiProcess> nodes, TimeSpan within, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < within)
        {
            var leading = new List<(ApiProcess Node, int Running)>();
            foreach (var node in nodes)
            {
                try
                {
                    var daemon = (await ReadinessAsync(node.BaseAddress, ct)).GetProperty("checks").GetProperty("daemon").GetProperty("data");
                    if (!daemon.GetProperty("leading").GetBoolean()) continue;
                    var running = LedgerReadModels.Names.Count(name =>
                        daemon.TryGetProperty(name, out var model) && model.GetProperty("state").GetString() == "Running");
                    leading.Add((node, running));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or KeyNotFoundException or InvalidOperationException or JsonException) { }
            }
            if (leading.Count == 1 && leading[0].Running == LedgerReadModels.Names.Count) return leading[0].Node;
            await Task.Delay(250, ct);
        }
        return null;
    }

    /// <summary>
    /// Waits until every read model's progress in Marten's <c>mt_event_progression</c> has reached the last event recorded
    /// (a read model with no progress recorded yet is not caught up).
    /// </summary>
    public static async Task WaitCaughtUpAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        var behind = "";
        for (var i = 0; i < 240; i++)
        {
            await using var command = dataSource.CreateCommand($"""
                select n.name || ' at ' || coalesce(p.last_seq_id::text, 'nothing') || ' of ' || h.head
                from unnest($1::text[]) n(name)
                cross join (select coalesce(max(seq_id), 0) as head from {schema}.mt_events) h
                left join {schema}.mt_event_progression p on p.name = n.name || ':All'
                where coalesce(p.last_seq_id, -1) < h.head
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = LedgerReadModels.Names.ToArray() });
            var lagging = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) lagging.Add(reader.GetString(0));
            if (lagging.Count == 0) return;
            behind = string.Join(", ", lagging);
            await Task.Delay(500, ct);
        }
        throw new TimeoutException($"The read models did not catch up within 2 minutes: {behind}.");
    }

    /// <summary>Waits until the streaming replica has replayed the primary's WAL up to where it stands now.</summary>
    public static async Task WaitReplicaCaughtUpAsync(NpgsqlDataSource primary, string replica, CancellationToken ct)
    {
        await using var lsn = primary.CreateCommand("select pg_current_wal_lsn()::text");
        var target = (string)(await lsn.ExecuteScalarAsync(ct))!;
        await using var standby = NpgsqlDataSource.Create(replica);
        for (var i = 0; i < 300; i++)
        {
            await using var replayed = standby.CreateCommand("select coalesce(pg_wal_lsn_diff(pg_last_wal_replay_lsn(), $1::pg_lsn) >= 0, false)");
            replayed.Parameters.Add(new NpgsqlParameter { Value = target });
            if ((bool)(await replayed.ExecuteScalarAsync(ct))!) return;
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"The replica did not replay the primary's WAL up to {target} within 30 s.");
    }

    /// <summary>The live tables of the five async read models, as the read side declares them.</summary>
    public static IReadOnlyList<string> ReadModelTables { get; } =
        LedgerReadModels.Create(ReadModelTarget.Live(new LedgerDatabase(null!, "ledger"))).SelectMany(p => p.Tables).Select(t => t.Name).ToList();

    /// <summary>An md5 of each async read model table's rows, to compare live tables with a rebuild; a table missing is an error.</summary>
    public static async Task<Dictionary<string, string>> DigestAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        var digests = new Dictionary<string, string>();
        foreach (var table in ReadModelTables)
        {
            await using var digest = dataSource.CreateCommand(
                $"select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) || ' ' || count(*) from {schema}.\"{table}\" t");
            digests[table] = (string)(await digest.ExecuteScalarAsync(ct))!;
        }
        return digests;
    }

    /// <summary>Rows Marten's daemon put in its dead letters (events a projection could not apply and skipped); 0 when there is no such table.</summary>
    public static async Task<long> DeadLettersAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var exists = dataSource.CreateCommand($"select to_regclass('{schema}.mt_doc_deadletterevent') is not null");
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return 0;
        await using var count = dataSource.CreateCommand($"select count(*) from {schema}.mt_doc_deadletterevent");
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Runs the <c>rebuild</c> verb (every read model) and checks it reported each of them
    /// (<c>rebuilt NAME: N events in S s</c>); returns its lines, or throws naming what is missing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RebuildAllAsync(ApiProcess api, CancellationToken ct)
    {
        var lines = (await api.RunVerbAsync(ct, "rebuild")).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("rebuilt ", StringComparison.Ordinal)).ToList();
        var missing = LedgerReadModels.Names.Where(name => !lines.Any(l => l.StartsWith($"rebuilt {name}: ", StringComparison.Ordinal))).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"rebuild did not report {string.Join(", ", missing)}: {string.Join(" | ", lines)}");
        return lines;
    }

    /// <summary>
    /// Runs the <c>verify</c> verb: (intact, its summary line, every failure it listed). Marten may print its own
    /// warnings on standard output before the verb's lines, so the summary is found by its wording.
    /// </summary>
    public static async Task<(bool Intact, string Summary, IReadOnlyList<string> Failures)> VerifyAsync(ApiProcess api, CancellationToken ct)
    {
        var (exitCode, output, errors) = await api.RunVerbForExitCodeAsync(ct, "verify");
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var summary = lines.FirstOrDefault(l => l.StartsWith("intact ", StringComparison.Ordinal) || l.StartsWith("NOT intact", StringComparison.Ordinal));
        if (exitCode is not (0 or 3) || summary is null)
            throw new InvalidOperationException($"verify failed ({exitCode}): {output} {errors.Split('\n').LastOrDefault()}");
        var failures = lines.SkipWhile(l => l != summary).Skip(1).ToList();
        return (exitCode == 0 && summary.StartsWith("intact ", StringComparison.Ordinal) && failures.Count == 0, summary, failures);
    }
}
