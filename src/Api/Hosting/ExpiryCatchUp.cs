using Ledger.Certifications;
using Ledger.Marten;
using Ledger.Projections.Verification;
using Marten;
using Npgsql;
using Wolverine.Marten;

namespace Ledger.Api.Hosting;

/// <summary>
/// Schedules, once for the ledger, the expiry of every certificate in force (valid or frozen in the verification view):
/// the certificates issued, renewed or reinstated before those commands scheduled their expiry themselves. It runs
/// when a host starts. The row it writes in <c>expiry_catch_up</c> commits with the scheduled messages (Wolverine's
/// Marten outbox): the first host to commit does it, and every host that starts then or later finds the row and does
/// nothing. A certificate past its last valid day expires at once; one whose expiry was scheduled already gets a
/// second, which records nothing when it comes due.
/// </summary>
public sealed class ExpiryCatchUp(LedgerDatabase database, IServiceScopeFactory scopes, ILogger<ExpiryCatchUp> logger) : BackgroundService
{
    /// <summary>The catch-up's row in <c>expiry_catch_up</c>.</summary>
    public const string Name = "certificates-in-force";

    static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunAsync(stoppingToken) is { } scheduled)
                    logger.LogInformation("Scheduled the expiry of {Count} certificates in force recorded before expiry was scheduled", scheduled);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Nothing was scheduled (the row and the messages roll back together): the next try does it all.
                logger.Log(e.MeansDatabaseUnreachable() ? LogLevel.Warning : LogLevel.Error, e,
                    "Scheduling the expiry of the certificates in force failed; retrying in {RetryAfter}", RetryAfter);
                await Task.Delay(RetryAfter, stoppingToken);
            }
        }
    }

    /// <summary>Schedules the expiries unless the ledger has caught up before; how many it scheduled, or null when it had.</summary>
    public async Task<int?> RunAsync(CancellationToken ct)
    {
        if (await CaughtUpAsync(ct)) return null;
        var inForce = await InForceAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        session.QueueSqlCommand(ExpiryCatchUpTable.Insert(database.Quoted), Name, inForce.Count);
        foreach (var expiry in inForce) await expiry.ScheduleAsync(outbox);
        try
        {
            await session.SaveChangesAsync(ct);
            return inForce.Count;
        }
        catch (Exception e) when (e.SelfAndInner().Any(i => i is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: ExpiryCatchUpTable.TableName }))
        {
            // Another host caught up first; what this one would have scheduled rolled back with its row.
            return null;
        }
    }

    async Task<bool> CaughtUpAsync(CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(ExpiryCatchUpTable.Exists(database.Quoted));
        command.Parameters.Add(new NpgsqlParameter { Value = Name });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    async Task<List<CertificateExpiryDue>> InForceAsync(CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(VerificationTables.InForce(database.Quoted));
        var inForce = new List<CertificateExpiryDue>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) inForce.Add(new CertificateExpiryDue(reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1)));
        return inForce;
    }
}
