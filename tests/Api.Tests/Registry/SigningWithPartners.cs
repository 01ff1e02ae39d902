using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;
using Ledger.Testing;

namespace Ledger.Api.Tests.Registry;

/// <summary>
/// MoUs with partners of each kind over HTTP: the request's earlier shape (a regency code alone) still means a regency,
/// a firm's PKS takes artisans of any regency, and the analysts count partners per signing year and kind.
/// </summary>
public sealed class SigningWithPartners(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    Task<IScenarioResult> SignMou(object body, HttpStatusCode status = HttpStatusCode.Created) => api.Host.Scenario(x =>
    {
        x.WithBearerToken(given.Agency);
        x.Post.Json(body).ToUrl("/api/registry/mous");
        if (status == HttpStatusCode.Created) x.StatusCodeShouldBe(status);
        else x.ProblemShouldBe(status);
    });

    static async Task<Guid> IdOf(IScenarioResult answer) => (await answer.ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    async Task<JsonElement> MouAsync(Guid id) => await (await api.Host.Scenario(x =>
    {
        x.WithBearerToken(given.Agency);
        x.Get.Url($"/api/registry/mous/{id}");
    })).ReadAsJsonAsync<JsonElement>();

    [Fact]
    public async Task a_regency_code_alone_still_signs_a_regency_partners_mou()
    {
        var id = await IdOf(await SignMou(new
        {
            regencyCode = "35.23", centreName = "BBSPJIKB Yogyakarta", regencyHead = "Aditya Halindra Faridzky", centreHead = "Titik Purwati",
            signedOn = RegistryScenario.Today(-5), validUntil = RegistryScenario.Today(700),
        }));

        var partner = (await MouAsync(id)).GetProperty("partner");
        partner.GetProperty("kind").GetString().ShouldBe("regency");
        partner.GetProperty("name").GetString().ShouldBe("Kabupaten Tuban");
        partner.GetProperty("regencyCode").GetString().ShouldBe("35.23");
    }

    [Fact]
    public async Task a_private_firms_pks_takes_an_artisan_of_any_regency()
    {
        var mou = await IdOf(await SignMou(new
        {
            partnerKind = "private-firm", partnerName = "PT Batik Keris", centreName = "BBSPJIKB Yogyakarta", partnerHead = "Direktur Utama",
            centreHead = "Titik Purwati", signedOn = RegistryScenario.Today(-5), validUntil = RegistryScenario.Today(700),
        }));
        (await MouAsync(mou)).GetProperty("regencyCode").ValueKind.ShouldBe(JsonValueKind.Null);
        var pks = await IdOf(await api.Host.Scenario(x =>
        {
            x.WithBearerToken(given.Agency);
            x.Post.Json(new
            {
                mouId = mou, agencyName = "Divisi CSR PT Batik Keris", agencyHead = "Manajer CSR", centreHead = "Titik Purwati",
                signedOn = RegistryScenario.Today(-4), validUntil = RegistryScenario.Today(365), schemes = new[] { RegistryScenario.Scheme }, yearlyQuota = 5,
            }).ToUrl("/api/registry/pks");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        }));

        var fromSerang = await given.RegisterArtisanAsync("Siti Rahayu", "36.04");
        var fromTuban = await given.RegisterArtisanAsync("Dewi Lestari", "35.23");
        await given.EnrollAsync(fromSerang, pks);
        await given.EnrollAsync(fromTuban, pks);
    }

    [Theory]
    [InlineData("""{"partnerKind": "cooperative", "partnerName": "Koperasi", "centreName": "B", "partnerHead": "R", "centreHead": "C", "signedOn": "2026-01-01", "validUntil": "2027-01-01"}""", "partnerKind")]
    [InlineData("""{"centreName": "B", "partnerHead": "R", "centreHead": "C", "signedOn": "2026-01-01", "validUntil": "2027-01-01"}""", "partnerKind")]
    [InlineData("""{"partnerKind": "province", "provinceCode": "Jatim", "centreName": "B", "partnerHead": "R", "centreHead": "C", "signedOn": "2026-01-01", "validUntil": "2027-01-01"}""", "provinceCode")]
    [InlineData("""{"regencyCode": "35.23", "centreName": "B", "centreHead": "C", "signedOn": "2026-01-01", "validUntil": "2027-01-01"}""", "partnerHead")]
    public async Task a_malformed_partner_is_a_400_naming_the_field(string body, string field)
    {
        var answer = await api.Host.Scenario(x =>
        {
            x.WithBearerToken(given.Agency);
            x.Post.Text(body).ToUrl("/api/registry/mous");
            x.WithRequestHeader("Content-Type", "application/json");
            x.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        (await answer.ReadAsJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task a_regency_code_on_a_school_is_refused_naming_it() =>
        (await (await SignMou(new
        {
            partnerKind = "school", partnerName = "SMK Negeri 1 Pekalongan", regencyCode = "33.26", centreName = "BBSPJIKB Yogyakarta",
            partnerHead = "Kepala Sekolah", centreHead = "Titik Purwati", signedOn = RegistryScenario.Today(-5), validUntil = RegistryScenario.Today(700),
        }, HttpStatusCode.UnprocessableEntity)).ReadAsTextAsync()).ShouldContain("Only a regency partner carries a regency code");

    [Fact]
    public async Task analysts_count_partners_per_signing_year_and_kind_as_json_and_csv()
    {
        var year = Ledger.Domain.Days.TodayInJakarta(TimeProvider.System).Year;
        await SignMou(new
        {
            partnerKind = "ministry-or-agency", partnerName = "Kementerian Perindustrian", centreName = "BBSPJIKB Yogyakarta", partnerHead = "Menteri",
            centreHead = "Titik Purwati", signedOn = RegistryScenario.Today(), validUntil = RegistryScenario.Today(700),
        });
        var analyst = api.ClientFor(LedgerRoles.Analyst);

        await Eventually.HoldsAsync(async () =>
        {
            var page = await analyst.GetFromJsonAsync<JsonElement>($"/api/analytics/partners?year={year}");
            return page.GetProperty("items").EnumerateArray().Any(r => r.GetProperty("partnerKind").GetString() == "ministry-or-agency"
                && r.GetProperty("partners").GetInt32() == 1 && r.GetProperty("year").GetInt32() == year);
        }, "the ministry to be counted among the year's partners");
        var csv = await analyst.GetStringAsync($"/api/analytics/partners?year={year}&format=csv");
        csv.Split('\n')[0].Trim().ShouldBe("year,partnerKind,partners,mous");
        csv.ShouldContain($"{year},ministry-or-agency,1,1");

        var scheme = await analyst.GetAsync("/api/analytics/partners?scheme=PEMBATIK-TULIS");
        scheme.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await scheme.Content.ReadAsStringAsync()).ShouldContain("scheme");
    }
}
