using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;

namespace Ledger.Api.Tests.Registry;

/// <summary>
/// Trainers (narasumber): a certified artisan qualified as a trainer is listed in the directory per regency and scheme
/// (without a name for analysts, with it for agencies), and can be named as a batch's trainer while their certificate
/// in the batch's scheme is in force.
/// </summary>
public sealed class NamingTrainers(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    IAlbaHost Host => api.Host;

    Task<IScenarioResult> As(string token, Action<Scenario> scenario) => Host.Scenario(x =>
    {
        x.WithBearerToken(token);
        scenario(x);
    });

    Task<IScenarioResult> Post(string path, object body, HttpStatusCode status = HttpStatusCode.OK) => As(given.Registrar, x =>
    {
        x.Post.Json(body).ToUrl(path);
        if (status == HttpStatusCode.OK || status == HttpStatusCode.Created) x.StatusCodeShouldBe(status);
        else x.ProblemShouldBe(status);
    });

    static async Task<JsonElement> JsonOf(IScenarioResult answer) => await answer.ReadAsJsonAsync<JsonElement>();

    /// <summary>A certified artisan of Serang qualified as a trainer in the scheme; their id, certification and certificate number.</summary>
    async Task<(Guid Artisan, Guid Certification, string Number, Guid Pks)> QualifiedTrainerAsync()
    {
        var pks = await given.SignAgreementsAsync();
        var (certification, number) = await given.IssuedAsync(pks);
        var state = await JsonOf(await As(given.Registrar, x => x.Get.Url($"/api/registry/certifications/{certification}")));
        var artisan = state.GetProperty("state").GetProperty("artisanId").GetGuid();
        await Post($"/api/registry/artisans/{artisan}/trainer-qualifications", new { schemeCode = RegistryScenario.Scheme });
        return (artisan, certification, number, pks);
    }

    async Task<Guid> PlannedBatchAsync(Guid pks) => (await JsonOf(await Post("/api/registry/batches", new
    {
        pksId = pks, centreName = "BBSPJIKB Yogyakarta", venue = "Balai Latihan Kerja Serang", schemeCode = RegistryScenario.Scheme,
        startsOn = RegistryScenario.Today(10), endsOn = RegistryScenario.Today(14), capacity = 20,
    }, HttpStatusCode.Created))).GetProperty("id").GetGuid();

    async Task<JsonElement> DirectoryAsync(string token, string path, Func<JsonElement, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await JsonOf(await As(token, x => x.Get.Url(path)));
            if (ready(page) || DateTime.UtcNow > deadline) return page;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task a_qualified_trainer_is_named_to_a_batch_and_listed_per_regency_and_scheme_with_the_batches_they_trained()
    {
        var (artisan, _, number, pks) = await QualifiedTrainerAsync();
        var batch = await PlannedBatchAsync(pks);

        var named = await JsonOf(await Post($"/api/registry/batches/{batch}/trainers", new { artisanId = artisan }));
        named.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["batch_trainer_named"]);
        (await JsonOf(await As(given.Registrar, x => x.Get.Url($"/api/registry/batches/{batch}"))))
            .GetProperty("trainers").EnumerateArray().Select(t => t.GetGuid()).ShouldBe([artisan]);

        var analyst = api.Token(LedgerRoles.Analyst, "Ayu Lestari");
        var listed = await DirectoryAsync(analyst, $"/api/analytics/trainers?regency=36.04&scheme={RegistryScenario.Scheme}&pageSize=500",
            p => p.GetProperty("items").EnumerateArray().Any(t => t.GetProperty("artisanId").GetGuid() == artisan && t.GetProperty("batchesTrained").GetInt32() == 1));
        var row = listed.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("artisanId").GetGuid() == artisan);
        row.GetProperty("certificateNumber").GetString().ShouldBe(number);
        row.GetProperty("certificateStatus").GetString().ShouldBe("valid");
        row.GetProperty("regencyName").GetString().ShouldBe("Kabupaten Serang");
        row.GetProperty("batchesTrained").GetInt32().ShouldBe(1);
        row.TryGetProperty("name", out _).ShouldBeFalse();

        var forAgencies = await JsonOf(await As(given.Agency, x => x.Get.Url($"/api/registry/trainers?regency=36.04&pageSize=500")));
        forAgencies.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("trainer").GetProperty("artisanId").GetGuid() == artisan)
            .GetProperty("name").GetString().ShouldBe("Siti Rahayu");
    }

    [Fact]
    public async Task an_artisan_not_qualified_in_the_batchs_scheme_is_refused_with_a_422_saying_so()
    {
        var pks = await given.SignAgreementsAsync();
        var (certification, _) = await given.IssuedAsync(pks);
        var artisan = (await JsonOf(await As(given.Registrar, x => x.Get.Url($"/api/registry/certifications/{certification}")))).GetProperty("state").GetProperty("artisanId").GetGuid();
        var batch = await PlannedBatchAsync(pks);

        var refused = await JsonOf(await Post($"/api/registry/batches/{batch}/trainers", new { artisanId = artisan }, HttpStatusCode.UnprocessableEntity));

        refused.GetProperty("detail").GetString().ShouldBe($"The artisan is not qualified as a trainer in {RegistryScenario.Scheme}, the batch's scheme.");
    }

    [Fact]
    public async Task a_trainer_whose_certificate_is_frozen_cannot_be_named_and_is_listed_as_frozen()
    {
        var (artisan, certification, _, pks) = await QualifiedTrainerAsync();
        var batch = await PlannedBatchAsync(pks);
        await Post($"/api/registry/certifications/{certification}/freeze", new { reason = "Misuse reported." });

        var refused = await JsonOf(await Post($"/api/registry/batches/{batch}/trainers", new { artisanId = artisan }, HttpStatusCode.UnprocessableEntity));
        refused.GetProperty("detail").GetString()!.ShouldContain("was not in force on");

        var listed = await DirectoryAsync(api.Token(LedgerRoles.Analyst, "Ayu Lestari"), "/api/analytics/trainers?regency=36.04&pageSize=500",
            p => p.GetProperty("items").EnumerateArray().Any(t => t.GetProperty("artisanId").GetGuid() == artisan && t.GetProperty("certificateStatus").GetString() == "frozen"));
        listed.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("artisanId").GetGuid() == artisan)
            .GetProperty("certificateStatus").GetString().ShouldBe("frozen");
    }

    [Fact]
    public async Task naming_the_same_trainer_twice_is_refused_and_a_year_filter_on_the_directory_is_a_400()
    {
        var (artisan, _, _, pks) = await QualifiedTrainerAsync();
        var batch = await PlannedBatchAsync(pks);
        await Post($"/api/registry/batches/{batch}/trainers", new { artisanId = artisan });

        await Post($"/api/registry/batches/{batch}/trainers", new { artisanId = artisan }, HttpStatusCode.UnprocessableEntity);
        await Post($"/api/registry/batches/{batch}/trainers", new { }, HttpStatusCode.BadRequest);
        await As(api.Token(LedgerRoles.Analyst, "Ayu Lestari"), x =>
        {
            x.Get.Url("/api/analytics/trainers?year=2025");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });
    }
}
