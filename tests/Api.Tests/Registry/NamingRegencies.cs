using System.Net;
using Alba;
using Ledger.Api.Auth;
using Ledger.Testing;

namespace Ledger.Api.Tests.Registry;

/// <summary>The official regency list ships with the ledger: a fresh install names every regency, and an unknown code is refused.</summary>
public sealed class NamingRegencies(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    [Fact]
    public async Task a_fresh_install_holds_the_official_list_with_no_import()
    {
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".regencies")).ShouldBe(514);
        (await TestDatabase.ScalarAsync<string>($"select name from \"{api.Schema}\".regencies where code = '35.17'")).ShouldBe("Kabupaten Jombang");
    }

    [Fact]
    public async Task an_artisan_in_a_regency_that_is_not_on_the_list_is_a_422_naming_the_code_and_nothing_is_recorded()
    {
        var before = await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events");

        await api.Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token(LedgerRoles.Registrar));
            x.Post.Json(RegistryScenario.Artisan(regency: "99.99")).ToUrl("/api/registry/artisans");
            x.ProblemShouldBe(HttpStatusCode.UnprocessableEntity);
            x.ContentShouldContain("99.99");
        });

        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events")).ShouldBe(before);
    }
}
