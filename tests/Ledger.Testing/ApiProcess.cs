using System.Diagnostics;

namespace Ledger.Testing;

/// <summary>The API host as a real process on a loopback port, which the soak kills (SIGKILL) and starts again.</summary>
public sealed class ApiProcess(string dll, int port, IReadOnlyDictionary<string, string> environment) : IDisposable
{
    Process? process;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}");

    public int? Pid => process is { HasExited: false } p ? p.Id : null;

    public async Task StartAsync(CancellationToken ct)
    {
        // Another process on the port would answer the readiness probe in this one's place, and be measured instead.
        if (await AnswersAsync(ct))
            throw new InvalidOperationException($"Something already listens on {BaseAddress}: stop it, or it would be tested in place of this host.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (k, v) in environment) start.Environment[k] = v;
        lock (lastLines) lastLines.Clear();
        process = Process.Start(start)!;
        // Drain its output so that it never blocks on a full pipe, keeping the last lines to explain a failed start.
        _ = DrainAsync(process.StandardOutput);
        _ = DrainAsync(process.StandardError);
        await WaitReadyAsync(TimeSpan.FromSeconds(60), ct);
    }

    readonly Queue<string> lastLines = new();

    /// <summary>The last lines the process wrote (standard output and error, interleaved), most recent last.</summary>
    public string LastOutput
    {
        get
        {
            lock (lastLines) return string.Join('\n', lastLines);
        }
    }

    async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (lastLines)
            {
                lastLines.Enqueue(line);
                while (lastLines.Count > 40) lastLines.Dequeue();
            }
    }

    async Task<bool> AnswersAsync(CancellationToken ct)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(BaseAddress.Host, BaseAddress.Port, ct);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a crash would.</summary>
    public void Kill()
    {
        if (process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }
    }

    public async Task WaitReadyAsync(TimeSpan within, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "/health/live"), ct)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            if (process is { HasExited: true })
                throw new InvalidOperationException($"The API process exited with code {process.ExitCode} while starting; it wrote:\n{LastOutput}");
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"The API did not answer on {BaseAddress} within {within.TotalSeconds:0} s.");
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
    }

    /// <summary>Runs a verb of the same executable (e.g. <c>token registrar</c>) and returns its standard output; throws when it fails.</summary>
    public async Task<string> RunVerbAsync(CancellationToken ct, params string[] args)
    {
        var (exitCode, output, errors) = await RunVerbForExitCodeAsync(ct, args);
        if (exitCode != 0) throw new InvalidOperationException($"'{string.Join(' ', args)}' failed ({exitCode}): {errors}");
        return output;
    }

    /// <summary>Runs a verb of the same executable and returns its exit code, standard output and standard error, whatever the outcome.</summary>
    public async Task<(int ExitCode, string Output, string Errors)> RunVerbForExitCodeAsync(CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var verb = Process.Start(start)!;
        // Both pipes at once: a verb that fills one while the other is read would block.
        var output = verb.StandardOutput.ReadToEndAsync(ct);
        var errors = verb.StandardError.ReadToEndAsync(ct);
        await verb.WaitForExitAsync(ct);
        return (verb.ExitCode, (await output).Trim(), (await errors).Trim());
    }
}
