using Ledger.Commands;
using Wolverine;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Projections.Verification;
using Ledger.Marten;
using Npgsql;

namespace Ledger.Api.Hosting;

/// <summary>
/// Records <c>certificate_expired</c> for every certificate, valid or frozen, whose last valid day (in Asia/Jakarta)
/// has passed: shortly after start, then every <c>Ledger:Expiry:Interval</c> (default one hour). The lookup already
/// answers "expired" from the dates; the event makes the ledger, its history and the analysts' totals say so too.
/// Revoked certificates stay revoked. Several hosts may run it: a certificate another host expired first is refused
/// by the domain ("already expired") and skipped.
/// </summary>
public sealed class ExpiryService(
    LedgerDatabase database, IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<ExpiryService> logger)
    : PeriodicService(time)
{
    public const string IntervalSetting = "Ledger:Expiry:Interval";
    public const string Actor = "system:expiry";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);
    const int PerRound = 500;

    protected override TimeSpan FirstAfter => TimeSpan.FromSeconds(15);

    public override TimeSpan Interval => ConfiguredInterval(configuration, IntervalSetting, DefaultInterval);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            var expired = await ExpireDueAsync(ct);
            if (expired > 0) logger.LogInformation("Recorded the expiry of {Count} certificates past their dates", expired);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(e, "Recording expiries failed; retrying in {Interval}", Interval);
        }
    }

    /// <summary>Expires every certificate past its dates now; returns how many this call expired.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        // The domain judges a command's day by the offset it carries: give it Jakarta's, as the lookup uses.
        var now = TimeZoneInfo.ConvertTime(Time.GetUtcNow(), Days.Jakarta);
        var expired = 0;
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        while (true)
        {
            var due = await DueAsync(Days.Of(now), ct);
            var round = 0;
            foreach (var certification in due)
            {
                try
                {
                    await bus.RecordAsync(new ExpireCertificate(certification, Actor, now), null, ct);
                    round++;
                }
                catch (Exception e) when (e is DomainException || StreamConflicts.IsConflict(e))
                {
                    // Expired (or changed) by another host meanwhile; the view will say so once it commits.
                    logger.LogDebug("Certification {Certification} not expired: {Reason}", certification, e.Message);
                }
            }
            expired += round;
            if (due.Count < PerRound || round == 0) return expired;
        }
    }

    async Task<List<Guid>> DueAsync(DateOnly today, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(VerificationTables.PastTheirDates(database.Quoted));
        command.Parameters.Add(new NpgsqlParameter { Value = today });
        command.Parameters.Add(new NpgsqlParameter { Value = PerRound });
        var due = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) due.Add(reader.GetGuid(0));
        return due;
    }
}
