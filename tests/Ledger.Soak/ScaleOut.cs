using Ledger.Testing;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Ledger.Soak;

/// <summary>
/// Two API processes on two ports over one primary and its streaming replica: both serve reads and writes,
/// verification and analytics read from the replica, the projection daemon runs on one node; that node is
/// killed (SIGKILL) and the other takes over; afterwards the projections equal a rebuild.
/// </summary>
public static class ScaleOut
{
    const string Schema = "scaleout";

    public static async Task<int> RunAsync(string dll, string primary, string replica, int basePort, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        void Say(string text) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {text}");
        var failures = new List<string>();
        TimeSpan? failover = null, visibleAfter = null;
        long events = 0;
        IReadOnlyList<string> rebuildLines = [];
        await using (var reset = NpgsqlDataSource.Create(primary))
        await using (var drop = reset.CreateCommand($"drop schema if exists {Schema} cascade"))
            await drop.ExecuteNonQueryAsync(ct);

        var keyFile = Path.Combine(Path.GetTempPath(), $"ledger-scaleout-{Guid.NewGuid():N}.pem");
        var environment = new Dictionary<string, string>
        {
            ["LEDGER_DB"] = primary,
            ["LEDGER_DB_REPLICA"] = replica,
            ["Ledger__Schema"] = Schema,
            ["Ledger__Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Ledger__PersonalData__NikHashSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Ledger__Integrity__CheckpointKeyFile"] = keyFile,
            ["Ledger__Daemon__LeadershipPollingTime"] = "00:00:01",
            ["Ledger__RateLimit__Verification__PermitLimit"] = "100000",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        using var first = new ApiProcess(dll, basePort, environment);
        await first.StartAsync(ct); // migrates the schema before the second node starts
        using var second = new ApiProcess(dll, basePort + 1, environment);
        await second.StartAsync(ct);
        var nodes = new[] { first, second };
        var registrar = await first.RunVerbAsync(ct, "token", "registrar", "--hours", "1");
        var agency = await first.RunVerbAsync(ct, "token", "agency", "--hours", "1");
        var analyst = await first.RunVerbAsync(ct, "token", "analyst", "--hours", "1");
        Say($"two nodes up: {first.BaseAddress} and {second.BaseAddress}, reading from the replica");

        // Writes through both nodes: agreements on one, artisans and enrollments alternating.
        var pks = await Http.SignAgreementsAsync(second.BaseAddress, agency, ct);
        var enrolled = 0;
        for (var i = 0; i < 40; i++)
        {
            var node = nodes[i % 2];
            var artisan = await Http.PostAsync(node.BaseAddress, registrar, "/api/registry/artisans", new
            {
                name = "Sri Wahyuni", nik = $"3523{i:D12}", gender = "Female", birthYear = 1984, regencyCode = "35.23", businessName = $"IKM {i}",
            }, ct);
            await Http.PostAsync(nodes[(i + 1) % 2].BaseAddress, registrar, "/api/registry/certifications", new { artisanId = artisan, schemeCode = "PEMBATIK-TULIS", pksId = pks }, ct);
            enrolled++;
        }
        Say($"{enrolled} artisans registered and enrolled through both nodes");

        // A certificate issued through one node is verified through the other, from the replica.
        var number = await Http.IssueAsync(first.BaseAddress, registrar, pks, ct);
        var seenAfter = await Http.VerifyUntilFoundAsync(second.BaseAddress, number, TimeSpan.FromSeconds(10), ct);
        if (seenAfter is null) failures.Add($"certificate {number} never became visible through the replica");
        else
        {
            visibleAfter = seenAfter;
            Say($"certificate {number} issued on node 1, verified on node 2 from the replica after {seenAfter.Value.TotalMilliseconds:0} ms");
        }
        var replicaHealth = await Http.ReadinessAsync(second.BaseAddress, ct);
        if (!replicaHealth.TryGetProperty("checks", out var checks) || !checks.TryGetProperty("replica", out var replicaCheck))
            failures.Add("/health/ready does not report the replica");
        else Say($"replica in health: {replicaCheck.GetRawText()}");

        // The daemon leads on exactly one node; kill it and the other takes over.
        var leader = await Http.WaitForSingleLeaderAsync(nodes, TimeSpan.FromSeconds(20), ct);
        if (leader is null) { failures.Add("no single node led every projection"); }
        else
        {
            Say($"the daemon leads on {leader.BaseAddress}; SIGKILL it");
            leader.Kill();
            var survivor = leader == first ? second : first;
            var takeover = Stopwatch.StartNew();
            var taken = await Http.WaitForSingleLeaderAsync([survivor], TimeSpan.FromSeconds(30), ct);
            if (taken is null) failures.Add("the surviving node did not take the daemon over within 30 s");
            else
            {
                failover = takeover.Elapsed;
                Say($"{survivor.BaseAddress} took the daemon over after {takeover.Elapsed.TotalSeconds:0.0} s");
            }

            for (var i = 40; i < 60; i++)
            {
                var artisan = await Http.PostAsync(survivor.BaseAddress, registrar, "/api/registry/artisans", new
                {
                    name = "Dewi Lestari", nik = $"3523{i:D12}", gender = "Female", birthYear = 1990, regencyCode = "35.23", businessName = $"IKM {i}",
                }, ct);
                await Http.PostAsync(survivor.BaseAddress, registrar, "/api/registry/certifications", new { artisanId = artisan, schemeCode = "PEMBATIK-TULIS", pksId = pks }, ct);
            }
            await leader.StartAsync(ct);
            Say("20 more enrollments through the survivor; the killed node restarted");
            // The restarted node stands by: still exactly one node leads, and it is the survivor.
            var after = await Http.WaitForSingleLeaderAsync(nodes, TimeSpan.FromSeconds(10), ct);
            if (after != survivor) failures.Add($"after the killed node restarted, {(after is null ? "no single node" : after.BaseAddress.ToString())} led the daemon instead of the survivor");

            // Analytics through both nodes agree once caught up, and equal a rebuild.
            await using var dataSource = NpgsqlDataSource.Create(primary);
            await Http.WaitCaughtUpAsync(dataSource, Schema, ct);
            var live = await Http.DigestAsync(dataSource, Schema, ct);
            var deadLetters = await Http.DeadLettersAsync(dataSource, Schema, ct);
            if (deadLetters > 0) failures.Add($"the read models skipped {deadLetters} events they could not apply (Marten's dead letters)");
            rebuildLines = await Http.RebuildAllAsync(first, ct);
            foreach (var line in rebuildLines) Say(line);
            var rebuilt = await Http.DigestAsync(dataSource, Schema, ct);
            foreach (var (table, digest) in live)
                if (rebuilt.GetValueOrDefault(table) != digest) failures.Add($"projection table {table} differs from its rebuild after the failover");
            Say($"{live.Count - failures.Count(f => f.StartsWith("projection"))} of {live.Count} projection tables equal their rebuild");
            var verify = await Http.VerifyAsync(first, ct);
            Say($"verify: {verify.Summary}");
            if (!verify.Intact) failures.Add($"the ledger does not verify: {verify.Summary}{string.Concat(verify.Failures.Take(10).Select(f => $" | {f}"))}");
            // Both nodes read analytics from the replica: compare once it has replayed everything the primary wrote.
            await Http.WaitReplicaCaughtUpAsync(dataSource, replica, ct);
            var totals = await Task.WhenAll(nodes.Select(n => Http.GetStringAsync(n.BaseAddress, analyst, "/api/analytics/national", ct)));
            if (totals[0] != totals[1]) failures.Add("the two nodes answer analytics differently");
            await using var count = dataSource.CreateCommand($"select count(*) from {Schema}.mt_events");
            events = (long)(await count.ExecuteScalarAsync(ct))!;
            // Every stream an acknowledged write created, through either node, before or after the failover, is in the store.
            await using var missing = dataSource.CreateCommand($"select count(*) from unnest($1::uuid[]) c(id) where not exists (select 1 from {Schema}.mt_events e where e.stream_id = c.id)");
            missing.Parameters.Add(new NpgsqlParameter { Value = Http.Created.ToArray() });
            var lost = (long)(await missing.ExecuteScalarAsync(ct))!;
            if (lost > 0) failures.Add($"{lost} of {Http.Created.Count} acknowledged creations are missing from the store");
            else Say($"all {Http.Created.Count} streams that acknowledged writes created are in the store");
        }

        Console.WriteLine();
        Console.WriteLine("| scale-out figure | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| duration | {clock.Elapsed.TotalSeconds:0} s |");
        Console.WriteLine($"| writes acknowledged through the two nodes | {Http.Acknowledged} |");
        Console.WriteLine($"| events in the store | {events} |");
        Console.WriteLine($"| certificate visible through the other node, from the replica | {(visibleAfter is { } v ? $"{v.TotalMilliseconds:0} ms" : "never")} |");
        Console.WriteLine($"| daemon failover after SIGKILL of its node | {(failover is { } took ? $"{took.TotalSeconds:0.0} s" : "none")} |");
        foreach (var line in rebuildLines) Console.WriteLine($"| {line.Split(':')[0]} | {line[(line.IndexOf(':') + 2)..]} |");
        Console.WriteLine();
        Console.WriteLine($"scale-out: {(failures.Count == 0 ? 1 : 0)} passed, {(failures.Count == 0 ? 0 : 1)} failed");
        foreach (var f in failures) Console.WriteLine($"FAILED: {f}");
        File.Delete(keyFile);
        return failures.Count == 0 ? 0 : 1;
    }
}
