using System.Diagnostics;
using JasperFx.CommandLine;
using Ledger.Api.Hosting;
using Ledger.Integrity;
using Ledger.Marten;

namespace Ledger.Api.Verbs;

/// <summary>
/// <c>verify</c>: recomputes every stream's hash chain and every signed checkpoint, with its progress on stderr. Prints
/// the summary and every failure found on stdout; exits 0 when the ledger is intact, <see cref="VerbExitCodes.NotIntact"/> when not.
/// </summary>
[Description("Recompute every hash chain and signed checkpoint; exit 0 when intact, 3 when not, listing every failure", Name = "verify")]
public sealed class VerifyVerb : LedgerVerb<NetCoreInput>
{
    protected override async Task<int> RunAsync(NetCoreInput input, IServiceProvider services)
    {
        await services.MigrateAsync();
        var head = await LogHead.ReadAsync(services.GetRequiredService<LedgerDatabase>());
        var started = Stopwatch.StartNew();
        var report = await services.GetRequiredService<LedgerIntegrity>().VerifyAsync(new LineProgress(checkedSoFar =>
            Console.Error.WriteLine($"verify: {checkedSoFar:N0} of about {head:N0} events checked ({started.Elapsed.TotalSeconds:F1} s)")));
        var seconds = Math.Max(started.Elapsed.TotalSeconds, 0.001);
        await Console.Error.WriteLineAsync($"verify: {report.EventsChecked:N0} events in {seconds:F2} s ({report.EventsChecked / seconds:N0} events/s)");

        Console.WriteLine(report.Summary);
        foreach (var failure in report.Failures)
        {
            Console.WriteLine($"failure: check {failure.Check}" +
                (failure.StreamId is { } s ? $", stream {s}" : "") + (failure.Version is { } v ? $", version {v}" : "") +
                (failure.Position is { } p ? $", position {p}" : "") + (failure.Checkpoint is { } c ? $", checkpoint {c}" : ""));
            Console.WriteLine($"  {failure.Description}");
        }
        if (report.FailureCount > report.Failures.Count)
            Console.WriteLine($"... and {report.FailureCount - report.Failures.Count} more failure(s) not listed");
        return report.Intact ? VerbExitCodes.Done : VerbExitCodes.NotIntact;
    }
}
