using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ledger.Api.Tests.Hosting;

/// <summary>
/// <c>ops/db</c> for a checkout under a folder the cluster's owner cannot enter (one made by <c>mktemp -d</c>, as root):
/// the cluster lives elsewhere, and <c>ops/db stop</c> stops the cluster <c>ops/db</c> started, wherever it lives.
/// </summary>
public sealed class KeepingTheDatabaseInAClosedFolder : IDisposable
{
    /// <summary>A folder only its owner can enter, as <c>mktemp -d</c> makes.</summary>
    readonly string closed = Directory.CreateTempSubdirectory("ledger-closed-").FullName;
    readonly int port = FreePort();

    string Checkout => Path.Combine(closed, "checkout");

    public KeepingTheDatabaseInAClosedFolder()
    {
        Directory.CreateDirectory(Path.Combine(Checkout, "ops"));
        File.Copy(Path.Combine(RepositoryRoot(), "ops", "db"), Path.Combine(Checkout, "ops", "db"));
    }

    public void Dispose()
    {
        RunAsync("crash").GetAwaiter().GetResult();
        if (new DirectoryInfo(Path.Combine(Checkout, ".pgdata")).LinkTarget is { } elsewhere) Directory.Delete(elsewhere, recursive: true);
        Directory.Delete(closed, recursive: true);
    }

    [Fact]
    public async Task ops_db_stop_stops_the_cluster_ops_db_started_in_a_folder_it_could_not_keep_it_in()
    {
        var (started, connection, _) = await RunAsync("start");
        started.ShouldBe(0);
        connection.ShouldContain($"Port={port}");
        (await AcceptsConnectionsAsync()).ShouldBeTrue();

        var (stopped, _, said) = await RunAsync("stop");

        stopped.ShouldBe(0);
        said.ShouldNotContain("not running");
        (await AcceptsConnectionsAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task ops_db_starts_the_same_cluster_again_after_stopping_it()
    {
        (await RunAsync("start")).ExitCode.ShouldBe(0);
        (await RunAsync("stop")).ExitCode.ShouldBe(0);

        var (started, _, said) = await RunAsync("start");

        started.ShouldBe(0);
        said.ShouldNotContain("initialising");
        (await AcceptsConnectionsAsync()).ShouldBeTrue();
    }

    async Task<(int ExitCode, string Output, string Errors)> RunAsync(string action)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Checkout };
        start.ArgumentList.Add(Path.Combine(Checkout, "ops", "db"));
        start.ArgumentList.Add(action);
        start.Environment["LEDGER_DB_PORT"] = port.ToString();
        start.Environment.Remove("LEDGER_DB");
        start.Environment.Remove("LEDGER_DB_DIR");
        using var process = Process.Start(start)!;
        using var minutes = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(minutes.Token);
        var errors = process.StandardError.ReadToEndAsync(minutes.Token);
        await process.WaitForExitAsync(minutes.Token);
        return (process.ExitCode, await output, await errors);
    }

    async Task<bool> AcceptsConnectionsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=ledger;Pooling=false;Timeout=5");
        try
        {
            await connection.OpenAsync();
            return true;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or SocketException or TimeoutException)
        {
            return false;
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ops", "db"))) return dir.FullName;
        throw new InvalidOperationException($"No ops/db above {AppContext.BaseDirectory}.");
    }
}
