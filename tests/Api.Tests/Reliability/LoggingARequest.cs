using System.Net;
using Alba;
using Ledger.Api.Auth;

namespace Ledger.Api.Tests.Reliability;

/// <summary>What a request leaves in the log: its correlation id and path, and a token only where one was asked for.</summary>
public sealed class LoggingARequest(LoggedApiFactory api) : IClassFixture<LoggedApiFactory>
{
    [Fact]
    public async Task a_line_logged_during_a_request_carries_its_correlation_id_and_path()
    {
        await SendWithJunkTokenAsync("/api/audit/integrity", "trace-me-41", HttpStatusCode.Unauthorized);

        api.Logs.Lines.ShouldContain(line => line.Contains("Bearer token refused")
            && line.Contains("CorrelationId:trace-me-41") && line.Contains("RequestPath:/api/audit/integrity"));
    }

    [Fact]
    public async Task the_public_lookup_never_reads_a_token_it_does_not_need()
    {
        await SendWithJunkTokenAsync("/api/verify/LSPBATIK-2026-000001-8", "lookup-with-junk-token", HttpStatusCode.NotFound);

        api.Logs.Lines.ShouldNotContain(line => line.Contains("CorrelationId:lookup-with-junk-token") && line.Contains("Bearer token refused"));
    }

    [Fact]
    public async Task a_lost_race_is_answered_409_and_logged_as_expected_not_as_an_error_with_event_data()
    {
        await api.Host.Scenario(x =>
        {
            x.Post.Url("/api/registry/test-notes/conflict");
            x.WithRequestHeader("X-Correlation-Id", "lost-race-7");
            x.WithBearerToken(api.Token(LedgerRoles.Registrar));
            x.StatusCodeShouldBe(HttpStatusCode.Conflict);
        });

        var lines = api.Logs.Lines.Where(line => line.Contains("CorrelationId:lost-race-7")).ToList();
        lines.ShouldContain(line => line.Contains("Request refused with 409"));
        lines.ShouldNotContain(line => line.StartsWith("Error") || line.StartsWith("Critical"));
        lines.ShouldNotContain(line => line.Contains("too late"));
    }

    Task SendWithJunkTokenAsync(string path, string correlationId, HttpStatusCode expected) => api.Host.Scenario(x =>
    {
        x.Get.Url(path);
        x.WithRequestHeader("X-Correlation-Id", correlationId);
        x.WithBearerToken("not-a-token");
        x.StatusCodeShouldBe(expected);
    });
}
