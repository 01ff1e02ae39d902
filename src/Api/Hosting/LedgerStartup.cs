namespace Ledger.Api.Hosting;

/// <summary>
/// The first thing a serving host does: checks the settings it cannot run without, then migrates the schema (or, when it
/// connects as a role that may not, checks that the schema is current: <see cref="LedgerConfiguration.Migrate"/>), before
/// any other of its services starts. A missing setting stops the start with the reason on stderr and in the log, and the
/// process exits with 1 (<see cref="Verbs.VerbExitCodes"/>). Verbs build the host without starting it, so this does not run for them.
/// </summary>
public sealed class LedgerStartup(IServiceProvider services, IConfiguration configuration, ILogger<LedgerStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var auth = configuration.GetSection(Auth.LedgerAuthOptions.Section).Get<Auth.LedgerAuthOptions>() ?? new Auth.LedgerAuthOptions();
            if ((auth.DecodeKey().Problem ?? LedgerSecrets.Problem(configuration)) is { } problem)
            {
                logger.LogCritical("The host cannot start: {Problem}", problem);
                await Console.Error.WriteLineAsync($"error: {problem}");
                throw new InvalidOperationException($"The host cannot start: {problem}");
            }
            // A malformed issuer key stops the start; a missing one leaves the credentials unserved (503), which the log says.
            var issuerKeys = services.GetRequiredService<Credentials.IssuerKeys>();
            if (issuerKeys.Problem is { } noIssuerKey) logger.LogWarning("Credentials are not issued: {Problem}", noIssuerKey);
            await services.MigrateAsync();
            logger.LogInformation("Schema {Schema} is up to date", services.GetRequiredService<Ledger.Marten.LedgerDatabase>().Schema);
        }
        catch
        {
            Environment.ExitCode = Verbs.VerbExitCodes.Failed;
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
