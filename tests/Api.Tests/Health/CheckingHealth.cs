using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Verification;
using Ledger.Api.Health;
using Ledger.Marten;
using Ledger.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Weasel.Core;
using Wolverine;
using Wolverine.Runtime;

namespace Ledger.Api.Tests.Health;

public sealed class CheckingHealth(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    [Fact]
    public async Task a_started_host_is_live_and_ready_with_its_schema_migrated()
    {
        await api.Host.Scenario(x => x.Get.Url("/health/live"));

        var ready = await api.Host.GetAsJson<JsonElement>("/health/ready");

        ready.GetProperty("status").GetString().ShouldBe("ready");
    }

    [Fact]
    public async Task readiness_shows_wolverine_on_this_node_with_the_expiries_it_holds_scheduled()
    {
        var commands = new MessageBus(api.Services.GetRequiredService<IWolverineRuntime>());
        await CertifiedThroughTheDomain.CertifyAsync(commands, "Siti Rahayu", DateTimeOffset.UtcNow);

        var messaging = (await api.Host.GetAsJson<JsonElement>("/health/ready")).GetProperty("checks").GetProperty("messaging");

        messaging.GetProperty("status").GetString().ShouldBe("ok");
        var data = messaging.GetProperty("data");
        data.GetProperty("mode").GetString().ShouldBe("Balanced");
        data.GetProperty("scheduled").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        data.GetProperty("deadLetters").GetInt32().ShouldBe(0);
        data.GetProperty("agents").ValueKind.ShouldBe(JsonValueKind.Array);
    }

    [Fact]
    public async Task a_schema_found_current_is_trusted_for_a_minute_and_a_difference_is_looked_for_on_every_probe()
    {
        var clock = new ManualTimeProvider();
        var check = new SchemaCheck(api.Services.GetRequiredService<IDocumentStore>(), clock);
        var schema = api.Services.GetRequiredService<LedgerDatabase>().Quoted;
        (await check.DifferenceAsync(CancellationToken.None)).ShouldBe(SchemaPatchDifference.None);

        await using var connection = await api.Services.GetRequiredService<LedgerDatabase>().DataSource.OpenConnectionAsync();
        async Task ExecuteAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
        await ExecuteAsync($"alter table {schema}.regency_totals rename to regency_totals_moved");
        try
        {
            (await check.DifferenceAsync(CancellationToken.None)).ShouldBe(SchemaPatchDifference.None);
            clock.Advance(SchemaCheck.TrustFor + TimeSpan.FromSeconds(1));
            (await check.DifferenceAsync(CancellationToken.None)).ShouldNotBe(SchemaPatchDifference.None);
        }
        finally
        {
            await ExecuteAsync($"alter table {schema}.regency_totals_moved rename to regency_totals");
        }
        (await check.DifferenceAsync(CancellationToken.None)).ShouldBe(SchemaPatchDifference.None);
    }
}
