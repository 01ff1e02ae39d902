using System.Diagnostics;

namespace Ledger.Soak;

/// <summary>The soak's own PostgreSQL, through <c>ops/db</c>: crashed in immediate mode and started again.</summary>
public sealed class Database(string opsDb)
{
    public int Crashes { get; private set; }

    public async Task CrashAsync(CancellationToken ct)
    {
        await RunAsync("crash", ct);
        Crashes++;
    }

    public Task StartAsync(CancellationToken ct) => RunAsync("start", ct);

    async Task RunAsync(string action, CancellationToken ct)
    {
        var start = new ProcessStartInfo(opsDb) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(action);
        start.Environment.Remove("LEDGER_DB");
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"ops/db {action} failed: {errors}");
    }
}
