using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Credentials;
using Ledger.Api.Tests.Verification;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;

namespace Ledger.Api.Tests.Credentials;

/// <summary>A registrar makes a download link for a certificate's holder; the holder opens it without an account until it expires.</summary>
public sealed class HandingCredentialsToHolders(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    IMessageBus Commands => new MessageBus(api.Services.GetRequiredService<IWolverineRuntime>());

    async Task<HolderLink> LinkAsync(string number, string query = "") => (await (await api.Host.Scenario(x =>
    {
        x.WithBearerToken(api.Token("registrar"));
        x.Post.Url($"/api/credentials/{number}/holder-link{query}");
    })).ReadAsJsonAsync<HolderLink>())!;

    [Fact]
    public async Task the_holder_opens_the_link_without_a_token_and_gets_an_unnamed_credential_that_verifies()
    {
        var (_, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Siti Rahayu", DateTimeOffset.UtcNow);
        var link = await LinkAsync(number);
        link.ExpiresAt.ShouldBeInRange(DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(5));

        var credential = await (await api.Host.Scenario(x =>
        {
            x.Get.Url(new Uri(link.Url).PathAndQuery);
            x.ContentTypeShouldBe(CompactJws.MediaType);
        })).ReadAsTextAsync();

        credential.ShouldNotContain("Siti");
        var check = (await api.Host.Scenario(x => x.Post.Json(new VerifyCredentialRequest(credential)).ToUrl("/api/credentials/verify"))).ReadAsJson<CredentialCheck>()!;
        check.Status.ShouldBe("valid");
    }

    [Fact]
    public async Task a_link_moved_to_another_certificate_stretched_or_past_its_day_opens_nothing()
    {
        var (_, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Sri Wahyuni", DateTimeOffset.UtcNow);
        var (_, other) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Dewi Lestari", DateTimeOffset.UtcNow);
        var path = new Uri((await LinkAsync(number, "?days=1")).Url).PathAndQuery;
        var expires = long.Parse(path.Split("expires=")[1].Split('&')[0]);
        var links = api.Services.GetRequiredService<HolderLinks>();

        foreach (var forged in new[]
        {
            path.Replace(number, other),
            path.Replace($"expires={expires}", $"expires={expires + 86_400}"),
            path.Split('&')[0],
            links.PathFor(Ledger.Certifications.CertificateNumber.Parse(number), DateTimeOffset.UtcNow.AddSeconds(-1)),
        })
            await api.Host.Scenario(x =>
            {
                x.Get.Url(forged);
                x.ProblemShouldBe(HttpStatusCode.NotFound);
                x.ContentShouldContain("ask the registrar");
            });
    }

    [Fact]
    public async Task only_a_registrar_makes_links_and_for_one_to_thirty_days()
    {
        var (_, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Rina Marlina", DateTimeOffset.UtcNow);

        await api.Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token("analyst"));
            x.Post.Url($"/api/credentials/{number}/holder-link");
            x.ProblemShouldBe(HttpStatusCode.Forbidden);
        });
        await api.Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token("registrar"));
            x.Post.Url($"/api/credentials/{number}/holder-link?days=31");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
            x.ContentShouldContain("\"days\"");
        });
    }
}
