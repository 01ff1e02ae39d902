using System.Text.Json;
using Alba;

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
}
