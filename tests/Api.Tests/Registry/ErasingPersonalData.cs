using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Integrity;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Registry;

public sealed class ErasingPersonalData(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    IAlbaHost Host => api.Host;

    [Fact]
    public async Task after_an_erasure_the_artisan_reads_as_erased_the_audit_shows_only_sealed_values_and_the_chain_still_verifies()
    {
        var nik = RegistryScenario.RandomNik();
        var artisan = await given.RegisterArtisanAsync("Kartini Maryati", nik: nik);
        (await ArtisanAsync(artisan)).GetProperty("name").GetString().ShouldBe("Kartini Maryati");

        var erased = await Host.Scenario(x =>
        {
            x.WithBearerToken(given.Agency);
            x.Post.Json(new { reason = "Request of the data subject." }).ToUrl($"/api/registry/artisans/{artisan}/erasure");
        });
        (await erased.ReadAsJsonAsync<JsonElement>()).GetProperty("events")[0].GetString().ShouldBe("personal_data_erased");

        var state = await ArtisanAsync(artisan);
        state.GetProperty("personalDataErased").GetBoolean().ShouldBeTrue();
        state.GetProperty("name").ValueKind.ShouldBe(JsonValueKind.Null);
        state.GetProperty("nikLastDigits").ValueKind.ShouldBe(JsonValueKind.Null);
        state.GetProperty("regencyCode").GetString().ShouldBe("36.04");

        await Host.Scenario(x =>
        {
            x.WithBearerToken(given.Auditor);
            x.Get.Url($"/api/audit/streams/{artisan}");
            x.ContentShouldNotContain("Kartini");
            x.ContentShouldNotContain(nik);
            x.ContentShouldContain("personal_data_erased");
        });

        var report = await api.Services.GetRequiredService<LedgerIntegrity>().VerifyAsync();
        report.Intact.ShouldBeTrue(report.Summary);

        await Host.Scenario(x =>
        {
            x.WithBearerToken(given.Registrar);
            x.Post.Json(RegistryScenario.Artisan("Kartini Maryati", nik)).ToUrl("/api/registry/artisans");
            x.ProblemShouldBe(HttpStatusCode.UnprocessableEntity);
        });
    }

    async Task<JsonElement> ArtisanAsync(Guid artisan)
    {
        var read = await Host.Scenario(x =>
        {
            x.WithBearerToken(given.Registrar);
            x.Get.Url($"/api/registry/artisans/{artisan}");
        });
        return await read.ReadAsJsonAsync<JsonElement>();
    }
}
