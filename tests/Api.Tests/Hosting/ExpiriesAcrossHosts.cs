using System.Collections.Concurrent;
using Ledger.Api.Hosting;
using Ledger.Api.Tests.Verification;
using Ledger.Certifications;
using Ledger.Commands;
using Ledger.Integrity;
using Ledger.Testing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;

namespace Ledger.Api.Tests.Hosting;

/// <summary>
/// Expiries stored in Wolverine's message storage in the ledger's schema, with hosts started, stopped and run side by
/// side over it as nodes of one ledger. Each test has a schema of its own.
/// </summary>
public sealed class ExpiriesAcrossHosts : IAsyncLifetime
{
    readonly string schema = TestDatabase.SchemaFor(typeof(ExpiriesAcrossHosts)) + "_" + Guid.NewGuid().ToString("N")[..6];
    readonly List<LedgerApiNode> nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in nodes) await node.DisposeAsync();
        await TestDatabase.DropSchemaAsync(schema);
    }

    LedgerApiNode Node(Action<IServiceCollection>? services = null)
    {
        var node = new LedgerApiNode(schema, services: services);
        nodes.Add(node);
        return node;
    }

    static IMessageBus Commands(LedgerApiNode node) => new MessageBus(node.Wolverine);

    async Task<IReadOnlyList<JasperFx.Events.IEvent>> HistoryAsync(LedgerApiNode node, Guid certification)
    {
        await using var query = node.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await query.Events.FetchStreamAsync(certification);
    }

    Task<long> ExpiredAsync(Guid certification) => TestDatabase.ScalarAsync<long>(
        $"select count(*) from \"{schema}\".mt_events where stream_id = $1 and type = 'certificate_expired'", certification);

    [Fact]
    public async Task an_expiry_stored_by_a_host_comes_due_on_the_host_started_after_it_stopped()
    {
        var first = await Node().StartedAsync();
        var (certification, _) = await CertifiedThroughTheDomain.CertifyAsync(Commands(first), "Siti Rahayu", DateTimeOffset.UtcNow);
        (await StoredExpiries.InAsync(schema)).ShouldHaveSingleItem().Status.ShouldBe("Scheduled");

        await first.DisposeAsync();
        nodes.Remove(first);
        (await StoredExpiries.InAsync(schema)).ShouldHaveSingleItem().Status.ShouldBe("Scheduled");
        var second = await Node().StartedAsync();
        (await StoredExpiries.BringForwardAsync(second.Wolverine.Storage)).ShouldBe(1);

        await Eventually.HoldsAsync(async () => await ExpiredAsync(certification) == 1, "the host started after it to record the expiry");
        (await HistoryAsync(second, certification))[^1].UserName.ShouldBe(CertificateExpiryDue.SystemActor);
        (await StoredExpiries.DeadLettersAsync(schema)).ShouldBe(0);
    }

    [Fact]
    public async Task with_two_hosts_running_each_expiry_that_comes_due_is_handled_once()
    {
        var (a, b) = (await Node(HandledExpiries.Count).StartedAsync(), await Node(HandledExpiries.Count).StartedAsync());
        var certifications = new List<Guid>();
        for (var i = 0; i < 12; i++)
            certifications.Add((await CertifiedThroughTheDomain.CertifyAsync(Commands(i % 2 == 0 ? a : b), $"Perajin {i}", DateTimeOffset.UtcNow)).Certification);

        (await StoredExpiries.BringForwardAsync(a.Wolverine.Storage)).ShouldBe(12);

        await Eventually.HoldsAsync(async () => (await StoredExpiries.InAsync(schema)).All(e => !e.Pending), "every expiry to be handled");
        foreach (var certification in certifications)
        {
            (await ExpiredAsync(certification)).ShouldBe(1);
            HandledExpiries.Of(certification).ShouldBe(1, $"how many times the expiry of {certification} was handled");
        }
        (await StoredExpiries.DeadLettersAsync(schema)).ShouldBe(0);
    }

    [Fact]
    public async Task the_certificates_in_force_before_expiry_was_scheduled_have_it_scheduled_once_by_the_hosts_that_start()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var earlier = new EarlierLedger(schema);
        var valid = await earlier.CertifyAsync(today.AddYears(-1));
        var frozen = await earlier.CertifyAsync(today.AddYears(-2), new CertificateFrozen(Guid.Empty, "", "Misuse under investigation", null, DateTimeOffset.UtcNow));
        var past = await earlier.CertifyAsync(today.AddYears(-3).AddDays(-10));
        var revoked = await earlier.CertifyAsync(today.AddYears(-1), new CertificateRevoked(Guid.Empty, "", "Final conviction for fraud", "registrar:dewi", null, DateTimeOffset.UtcNow));
        await earlier.DisposeAsync();

        var (a, b) = (Node(), Node());
        await Task.WhenAll(Task.Run(a.StartedAsync), Task.Run(b.StartedAsync));

        await Eventually.HoldsAsync(async () => await ExpiredAsync(past) == 1, "the certificate past its date to be expired at once");
        var stored = await StoredExpiries.InAsync(schema);
        stored.Count.ShouldBe(3);
        stored.Count(e => e.Status == "Scheduled").ShouldBe(2);
        (await TestDatabase.ScalarAsync<int>($"select expiries from \"{schema}\".{ExpiryCatchUpTable.TableName} where name = $1", ExpiryCatchUp.Name))
            .ShouldBe(3);
        (await (await Node().StartedAsync()).Services.GetRequiredService<ExpiryCatchUp>().RunAsync(CancellationToken.None)).ShouldBeNull();
        (await StoredExpiries.InAsync(schema)).Count.ShouldBe(3);
        foreach (var certification in new[] { valid, frozen, revoked }) (await ExpiredAsync(certification)).ShouldBe(0);
    }

    /// <summary>
    /// A ledger as it stood before expiry was scheduled: certifications recorded (events and the verification view) and
    /// no expiry stored. Its events are appended straight through the host's own store composition, with no host running.
    /// </summary>
    sealed class EarlierLedger(string schema) : IAsyncDisposable
    {
        readonly ServiceProvider services = Compose(schema);
        int serial;
        bool migrated;

        static ServiceProvider Compose(string schema)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Ledger"] = TestDatabase.ConnectionString,
                ["Ledger:Schema"] = schema,
                [LedgerSecrets.NikHashSecret] = LedgerApiFactory.NikHashSecret,
                [LedgerSecrets.CheckpointKey] = CheckpointSigner.Generate().PrivateKeyPem(),
            }).Build();
            var collection = new ServiceCollection().AddLogging();
            collection.AddLedger(configuration);
            return collection.BuildServiceProvider();
        }

        /// <summary>A certificate valid from <paramref name="from"/>, then <paramref name="more"/> (stamped with its ids).</summary>
        public async Task<Guid> CertifyAsync(DateOnly from, params object[] more)
        {
            if (!migrated) await services.MigrateAsync();
            migrated = true;
            var (certification, artisan) = (Guid.NewGuid(), Guid.NewGuid());
            var number = new CertificateNumber("LSPBATIK", from.Year, Interlocked.Increment(ref serial)).ToString();
            var at = new DateTimeOffset(from.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7));
            object[] events =
            [
                new ArtisanEnrolled(certification, artisan, "PEMBATIK-TULIS", "35.23", Guid.NewGuid(), null, from.Year, null, at),
                new CertificateIssued(certification, number, $"BLK-{serial:D4}", "PEMBATIK-TULIS", ["C.13BTK01.001.2"], "LSPBATIK",
                    from, IssueCertificate.ValidUntil(from), at),
                .. more.Select(e => e switch
                {
                    CertificateFrozen f => f with { CertificationId = certification, CertificateNumber = number },
                    CertificateRevoked r => r with { CertificationId = certification, CertificateNumber = number },
                    _ => e,
                }),
            ];
            await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
            session.Events.StartStream<Certification>(certification, events);
            await session.SaveChangesAsync();
            return certification;
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}

/// <summary>Counts, per certification, every time a host handles its expiry: a middleware on that message's handler.</summary>
public static class HandledExpiries
{
    static readonly ConcurrentDictionary<Guid, int> Counts = new();

    public static int Of(Guid certification) => Counts.GetValueOrDefault(certification);

    public static void Count(IServiceCollection services) =>
        services.ConfigureWolverine(o =>
        {
            o.Policies.AddMiddleware(typeof(HandledExpiries), chain => chain.MessageType == typeof(CertificateExpiryDue));
            // The counting middleware is not in the code generated ahead: these nodes generate their own.
            o.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Dynamic;
        });

    public static void Before(CertificateExpiryDue due) => Counts.AddOrUpdate(due.CertificationId, 1, (_, n) => n + 1);
}
