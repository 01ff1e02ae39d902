using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Verification;
using Microsoft.Extensions.DependencyInjection;
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
}
