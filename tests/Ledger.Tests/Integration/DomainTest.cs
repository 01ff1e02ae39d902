using System.Security.Cryptography;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using Ledger.Domain;
using JasperFx.Events;
using Ledger.Marten;
using Ledger.Testing;
using Ledger.Commands;
using Ledger.PersonalData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime;
using static Ledger.Tests.Domain.Sample;

namespace Ledger.Tests.Integration;

/// <summary>The certification domain on the ledger's Marten store, in the test class's own schema.</summary>
public abstract class DomainTest : LedgerStoreTest
{
    IHost? host;

    protected DomainOptions Options { get; } = new() { NikHashSecret = RandomNumberGenerator.GetBytes(32) };

    /// <summary>The commands' bus, on a host started once the schema is ready.</summary>
    protected IMessageBus Commands => host?.Services.GetRequiredService<IMessageBus>() ?? throw new InvalidOperationException("The host starts with the test.");

    protected PersonalDataProtector PersonalData => host!.Services.GetRequiredService<PersonalDataProtector>();

    /// <summary>The import of paper registers, on the same host as the commands.</summary>
    protected CertificateImport Importer => host!.Services.GetRequiredService<CertificateImport>();

    /// <summary>The host's services, for a piece a test composes itself.</summary>
    protected IServiceProvider Services => host!.Services;

    /// <summary>Wolverine's message storage in the test's schema: scheduled messages, the inbox, dead letters.</summary>
    protected IMessageStore MessageStorage => host!.Services.GetRequiredService<IWolverineRuntime>().Storage;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Races in these tests are deliberately fierce; enough retries let every loser see the rule, not the conflict.
        host = await LedgerCommandHost.StartAsync(Schema, Options, new CommandRetries(CommandRetries.MaxAttempts, 5), Configure);
    }

    public override async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }
        await base.DisposeAsync();
    }

    protected static string NikOf(int n) => $"3523{n:D12}";

    protected async Task<Guid> RegisterAsync(int n, string name = "Siti Rahayu")
    {
        var id = Guid.NewGuid();
        await Commands.RecordAsync(new RegisterArtisan(id, name, NikOf(n), Gender.Female, 1985, Regency, "IKM Batik Gedog", Registrar, At));
        return id;
    }

    /// <summary>Tuban's MoU and PKS, signed in January and February of <paramref name="signedIn"/>, running to 2029 and 2027.</summary>
    protected async Task SignAgreementsAsync(int quota, int signedIn = 2025)
    {
        await Commands.RecordAsync(new SignMou(MouId, Regency, "BBSPJIKB Yogyakarta", "Bupati Tuban", "Kepala BBSPJIKB",
            new DateOnly(signedIn, 1, 10), new DateOnly(2029, 12, 31), Registrar, At));
        await Commands.RecordAsync(new SignPks(PksId, MouId, "Dinas Koperasi UKM Tuban", "Kepala Dinas", "Kepala BBSPJIKB",
            new DateOnly(signedIn, 2, 1), new DateOnly(2027, 12, 31), [Scheme], quota, "kompor listrik", Registrar, At));
    }

    protected Task PlanBatchAsync(int capacity) =>
        Commands.RecordAsync(new PlanBatch(BatchId, PksId, "BBSPJIKB Yogyakarta", "Balai Desa Kedungrejo", Scheme, Today, Today.AddDays(4), capacity, Registrar, At));

    /// <summary>Takes an enrolled artisan through application, assessment and a K decision, all on <paramref name="on"/> (today when not given).</summary>
    protected async Task<Guid> CompetentAsync(Guid artisanId, DateOnly? on = null)
    {
        var certification = CertificationStreams.IdFor(artisanId, Scheme);
        await Commands.RecordAsync(new AcceptApplication(certification, Registrar, At) { AcceptedOn = on });
        await Commands.RecordAsync(new RecordAssessment(certification, Assessor, "TUK Sewaktu Tuban", on ?? Today, UnitsK, Registrar, At));
        await Commands.RecordAsync(new DecideCertification(certification, Competence.Competent, ["Rina Wati", "Agus Salim"], Registrar, At) { DecidedOn = on });
        return certification;
    }

    /// <summary>Runs <paramref name="count"/> attempts at once and tells which succeeded and how the others failed.</summary>
    protected static async Task<(int Won, List<Exception> Lost)> RaceAsync(int count, Func<int, Task> attempt)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try { await attempt(i); return (Exception?)null; }
            catch (Exception e) { return e; }
        })).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(tasks);
        return (outcomes.Count(e => e is null), outcomes.OfType<Exception>().ToList());
    }

    /// <summary>A stream's events as Marten reads them back.</summary>
    protected async Task<IReadOnlyList<IEvent>> StreamAsync(Guid id)
    {
        await using var query = Store.QuerySession();
        return await query.Events.FetchStreamAsync(id);
    }

    /// <summary>A stream folded into its current state (the initial state when it does not exist).</summary>
    protected async Task<T> StateAsync<T>(Guid id) where T : class, IAggregate<T>
    {
        await using var query = Store.QuerySession();
        return await query.Events.AggregateStreamAsync<T>(id) ?? T.Initial;
    }

    protected async Task<long> CountEventsAsync(string type) =>
        await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".mt_events where type = $1", type);
}
