using System.Net;
using System.Net.Http.Json;

namespace Ledger.Api.Tests.Health;

public sealed class CheckingHealth(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    [Fact]
    public async Task a_started_host_is_live_and_ready_with_its_schema_migrated()
    {
        var client = api.ClientFor(null);

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await ready.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        body!["status"].ToString().ShouldBe("ready");
    }
}
