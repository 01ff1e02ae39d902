using Ledger.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
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

    public static async Task<Guid> PostAsync(Uri api, string token, string path, object body, CancellationToken ct)
    {
        using var http = Client(api, token);
        var response = await http.PostAsJsonAsync(path, body, ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    static async Task<JsonElement> SendAsync(Uri api, string token, string path, object? body, CancellationToken ct)
    {
        using var http = Client(api, token);
        var response = body is null ? await http.PostAsync(path, null, ct) : await http.PostAsJsonAsync(path, body, ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    public static async Task<string> GetStringAsync(Uri api, string token, string path, CancellationToken ct)
    {
        using var http = Client(api, token);
        return await http.GetStringAsync(path, ct);
    }

    public static async Task<Guid> SignAgreementsAsync(Uri api, string agency, CancellationToken ct, int yearlyQuota = 10_000)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
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
            assessor = "Sri Wahyuni", assessmentSite = "TUK Sewaktu Tuban", assessedOn = DateOnly.FromDateTime(DateTime.UtcNow),
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

    /// <summary>The one node whose readiness shows it leading every projection (and no other node leading any), or null.</summary>
    public static async Task<ApiProcess?> WaitForSingleLeaderAsync(IReadOnlyList<ApiProcess> nodes, TimeSpan within, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < within)
        {
            var leading = new List<(ApiProcess Node, int Projections, int Led)>();
            foreach (var node in nodes)
            {
                try
                {
                    var ready = await ReadinessAsync(node.BaseAddress, ct);
                    var daemon = ready.GetProperty("checks").GetProperty("daemon").GetProperty("data");
                    var all = daemon.EnumerateObject().ToList();
                    leading.Add((node, all.Count, all.Count(p => p.Value.GetProperty("state").GetString() == "leading")));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or KeyNotFoundException or InvalidOperationException) { }
            }
            var leaders = leading.Where(l => l.Led > 0).ToList();
            if (leaders.Count == 1 && leaders[0].Led == leaders[0].Projections) return leaders[0].Node;
            await Task.Delay(250, ct);
        }
        return null;
    }

    public static async Task WaitCaughtUpAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        for (var i = 0; i < 240; i++)
        {
            await using var command = dataSource.CreateCommand(
                $"select count(*) from {schema}.projection_checkpoints c where c.seq < (select coalesce(max(seq), 0) from {schema}.events)");
            if ((long)(await command.ExecuteScalarAsync(ct))! == 0) return;
            await Task.Delay(500, ct);
        }
        throw new TimeoutException("The projections did not catch up within 2 minutes.");
    }

    /// <summary>An md5 of each async projection table's rows, to compare live tables with a rebuild.</summary>
    public static async Task<Dictionary<string, string>> DigestAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        var tables = new List<string>();
        await using (var list = dataSource.CreateCommand($"""
            select table_name from information_schema.tables
            where table_schema = '{schema}' and table_name not like '%\_\_rebuild'
              and (table_name like 'regency\_totals%' or table_name like 'target\_progress%' or table_name like 'assessment\_outcome%'
                   or table_name like 'agreement\_%' or table_name like 'artisan\_profile%')
            order by 1
            """))
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        var digests = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var digest = dataSource.CreateCommand(
                $"select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from {schema}.\"{table}\" t");
            digests[table] = (string)(await digest.ExecuteScalarAsync(ct))!;
        }
        return digests;
    }
}
