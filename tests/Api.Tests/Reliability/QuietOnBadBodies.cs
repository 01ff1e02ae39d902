using System.Net;
using Alba;
using Ledger.Api.Auth;
using Ledger.Api.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Api.Tests.Reliability;

/// <summary>
/// A body the registry cannot read is the client's mistake, answered 400: the server logs no error for it, while the
/// registry's own categories keep logging what they log.
/// </summary>
public sealed class QuietOnBadBodies(LoggedApiFactory api) : IClassFixture<LoggedApiFactory>
{
    [Fact]
    public async Task a_registry_body_that_is_not_json_is_a_400_and_leaves_no_error_in_the_log()
    {
        await api.Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token(LedgerRoles.Registrar));
            x.Post.Text("{\"name\": \"Siti\", \"birthYear\": \"nineteen\"").ToUrl("/api/registry/artisans");
            x.WithRequestHeader("Content-Type", "application/json");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });

        api.Logs.Lines.Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void only_the_registrys_request_records_are_quietened_not_its_endpoints()
    {
        var quietened = RegistryConventions.RequestTypes.ToList();

        quietened.ShouldContain(typeof(Ledger.Api.Registry.Artisans.RegisterArtisanRequest));
        quietened.ShouldAllBe(t => t.Name.EndsWith("Request"));
        quietened.ShouldNotContain(typeof(Ledger.Api.Registry.Artisans.RegisterArtisanEndpoint));
        var logger = api.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Ledger.Api.Registry.Artisans.RegisterArtisanEndpoint).FullName!);
        logger.IsEnabled(LogLevel.Error).ShouldBeTrue();
        api.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Ledger.Api.Registry.Artisans.RegisterArtisanRequest).FullName!)
            .IsEnabled(LogLevel.Error).ShouldBeFalse();
    }
}
