using System.Net;
using System.Text.Json;
using Ledger.Integrity;
using Microsoft.Extensions.DependencyInjection;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Registry;

public sealed class ErasingPersonalData(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    [Fact]
    public async Task after_an_erasure_the_artisan_reads_as_erased_the_audit_shows_only_sealed_values_and_the_chain_still_verifies()
    {
        var nik = RegistryScenario.RandomNik();
        var artisan = await given.RegisterArtisanAsync("Kartini Maryati", nik: nik);
        (await RegistryScenario.Ok(await given.Registrar.GetAsync($"/api/registry/artisans/{artisan}"))).GetProperty("name").GetString().ShouldBe("Kartini Maryati");

        var erased = await given.Agency.PostAsync($"/api/registry/artisans/{artisan}/erasure", Json("""{"reason": "Request of the data subject."}"""));
        (await RegistryScenario.Ok(erased)).GetProperty("events")[0].GetString().ShouldBe("personal_data_erased");

        var state = await RegistryScenario.Ok(await given.Registrar.GetAsync($"/api/registry/artisans/{artisan}"));
        state.GetProperty("personalDataErased").GetBoolean().ShouldBeTrue();
        state.GetProperty("name").ValueKind.ShouldBe(JsonValueKind.Null);
        state.GetProperty("nikLastDigits").ValueKind.ShouldBe(JsonValueKind.Null);
        state.GetProperty("regencyCode").GetString().ShouldBe("36.04");

        var history = await given.Auditor.GetStringAsync($"/api/audit/streams/{artisan}");
        history.ShouldNotContain("Kartini");
        history.ShouldNotContain(nik);
        history.ShouldContain("personal_data_erased");

        var report = await api.Services.GetRequiredService<LedgerIntegrity>().VerifyAsync();
        report.Intact.ShouldBeTrue(report.Summary);

        var again = await given.Registrar.PostAsync("/api/registry/artisans", Json($$"""
            {"name": "Kartini Maryati", "nik": "{{nik}}", "gender": "Female", "birthYear": 1985, "regencyCode": "36.04", "businessName": "Batik"}
            """));
        await again.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }
}
