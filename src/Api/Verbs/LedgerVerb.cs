using JasperFx.CommandLine;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ledger.Api.Verbs;

/// <summary>
/// A verb of the ledger on JasperFx's command line. It runs against the host as <c>Program.cs</c> composes it, built
/// but not started: no daemon, no durability agents, no checkpoint or expiry service, no listener. Its answer is an
/// exit code (<see cref="VerbExitCodes"/>); a failure the operator can act on is one line on stderr, not a stack trace.
/// </summary>
public abstract class LedgerVerb<TInput> : JasperFxAsyncCommand<TInput> where TInput : NetCoreInput
{
    public sealed override async Task<bool> Execute(TInput input)
    {
        var host = input.BuildHost();
        int exitCode;
        try
        {
            exitCode = await RunAsync(input, host.Services);
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            exitCode = VerbExitCodes.Failed;
        }
        finally
        {
            if (host is IAsyncDisposable disposable) await disposable.DisposeAsync();
            else host.Dispose();
        }
        return VerbExitCodes.Answer(exitCode);
    }

    /// <summary>Does the verb's work with the host's services; returns its exit code.</summary>
    protected abstract Task<int> RunAsync(TInput input, IServiceProvider services);
}
