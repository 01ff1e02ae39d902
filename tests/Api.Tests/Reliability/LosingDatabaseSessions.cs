using System.Net;
using Ledger.Testing;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Reliability;

/// <summary>The database ends the host's sessions (a restart, a failover, an administrator) while they sit in its pools.</summary>
public sealed class LosingDatabaseSessions(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    [Fact]
    public async Task writes_on_sessions_the_server_ended_are_answered_503_with_retry_after_never_500_and_the_next_ones_land()
    {
        var client = api.ClientFor("registrar");
        // Fill the host's pool with idle sessions.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync("/api/registry/test-notes", Json("""{"text": "before", "copies": 1}"""))));

        var ended = await TestDatabase.ScalarAsync<long>(
            "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1) t", api.Schema);
        ended.ShouldBeGreaterThan(0);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync("/api/registry/test-notes", Json("""{"text": "after", "copies": 1}"""))));
        foreach (var answer in answers)
        {
            answer.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable);
            if (answer.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                await answer.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
                answer.Headers.RetryAfter.ShouldNotBeNull();
            }
        }
        (await client.PostAsync("/api/registry/test-notes", Json("""{"text": "later", "copies": 1}"""))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
