using Wolverine.Runtime;
using Wolverine;
using Ledger.Commands;
using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Projections.Regencies;
using Ledger.Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Verification;

/// <summary>The public lookup and the analysts' read models through the real host, its daemon and the real database.</summary>
public sealed class VerifyingOverHttp(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    const string Scheme = "PEMBATIK-TULIS";
    const string Registrar = "registrar:dewi";
    static readonly DateTimeOffset At = DateTimeOffset.UtcNow;

    IAlbaHost Host => api.Host;

    IMessageBus Commands => new MessageBus(api.Services.GetRequiredService<IWolverineRuntime>());

    Task<IScenarioResult> Analyst(Action<Scenario> scenario) => Host.Scenario(x =>
    {
        x.WithBearerToken(api.Token("analyst"));
        scenario(x);
    });

    /// <summary>One regency with its agreements, and one certified artisan; returns the certification id and number.</summary>
    Task<(Guid Certification, string Number)> CertifyAsync(string name) => CertifiedThroughTheDomain.CertifyAsync(Commands, name, At);

    [Fact]
    public async Task an_anonymous_lookup_of_a_valid_certificate_shows_only_the_masked_name()
    {
        var (_, number) = await CertifyAsync("Siti Rahayu");

        var body = await Host.GetAsJson<JsonElement>($"/api/verify/{number}");

        body.GetProperty("certificateNumber").GetString().ShouldBe(number);
        body.GetProperty("status").GetString().ShouldBe("valid");
        body.GetProperty("holder").GetString().ShouldBe("S***i R***u");
        body.GetProperty("scheme").GetString().ShouldBe(Scheme);
        body.GetProperty("issuingLsp").GetString().ShouldBe("LSPBATIK");
        body.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["certificateNumber", "status", "holder", "scheme", "issuingLsp", "issuedOn", "validUntil", "reason"], ignoreOrder: true);
    }

    [Fact]
    public async Task a_revoked_certificate_is_answered_revoked_with_its_reason_at_once()
    {
        var (certification, number) = await CertifyAsync("Sri Wahyuni");
        await Commands.RecordAsync(new RevokeCertificate(certification, "Final conviction for fraud", Registrar, At));

        var body = await Host.GetAsJson<JsonElement>($"/api/verify/{number}");

        body.GetProperty("status").GetString().ShouldBe("revoked");
        body.GetProperty("reason").GetString().ShouldBe("Final conviction for fraud");
    }

    [Fact]
    public async Task a_malformed_number_and_a_mistyped_check_character_are_400s_that_say_which()
    {
        var good = new CertificateNumber("LSPBATIK", 2026, 42).ToString();
        var wrongCheck = good[..^1] + (good[^1] == 'A' ? 'B' : 'A');

        await Host.Scenario(x =>
        {
            x.Get.Url("/api/verify/not-a-number");
            x.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            x.ContentShouldContain("is not a certificate number");
        });
        await Host.Scenario(x =>
        {
            x.Get.Url($"/api/verify/{wrongCheck}");
            x.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            x.ContentShouldContain("check character");
        });
    }

    [Fact]
    public async Task an_unknown_number_is_404()
    {
        await Host.Scenario(x =>
        {
            x.Get.Url($"/api/verify/{new CertificateNumber("NOSUCHLSP", 2026, 1)}");
            x.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("registrar", HttpStatusCode.Forbidden)]
    [InlineData("auditor", HttpStatusCode.Forbidden)]
    [InlineData("analyst", HttpStatusCode.OK)]
    public async Task analytics_are_for_analysts_only(string? role, HttpStatusCode expected)
    {
        await Host.Scenario(x =>
        {
            if (role is not null) x.WithBearerToken(api.Token(role));
            x.Get.Url("/api/analytics/national");
            x.StatusCodeShouldBe(expected);
        });
    }

    [Fact]
    public async Task the_daemon_counts_a_certification_and_serves_it_as_json_and_csv_with_paging()
    {
        await RegencyImport.ImportFileAsync(api.Services.GetRequiredService<LedgerDatabase>(), OfficialList());
        await CertifyAsync("Nur Aini");
        JsonElement page = default;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            page = await (await Analyst(x => x.Get.Url($"/api/analytics/regencies?regency=35.23&year={At.Year}&pageSize=1"))).ReadAsJsonAsync<JsonElement>();
            if (page.GetProperty("total").GetInt64() > 0) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);

        page.GetProperty("pageSize").GetInt32().ShouldBe(1);
        var row = page.GetProperty("items")[0];
        row.GetProperty("regencyName").GetString().ShouldBe("Kabupaten Tuban");
        row.GetProperty("issued").GetInt32().ShouldBeGreaterThan(0);

        var csv = await Analyst(x =>
        {
            x.Get.Url("/api/analytics/provinces?province=35").Accepts("text/csv");
            x.MediaTypeShouldBe("text/csv");
        });
        var lines = (await csv.ReadAsTextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("year,provinceCode,provinceName,scheme,issued,valid,revoked");
        lines[1].ShouldStartWith($"{At.Year},35,Jawa Timur,{Scheme},");
    }

    [Theory]
    [InlineData("year=twenty", "year")]
    [InlineData("province=3", "province")]
    [InlineData("regency=35-23", "regency")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task an_invalid_filter_is_a_validation_problem(string query, string field)
    {
        var answer = await Analyst(x =>
        {
            x.Get.Url($"/api/analytics/regencies?{query}");
            x.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        (await answer.ReadAsJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("outcomes", "regency=35.23", "regency")]
    [InlineData("outcomes", "province=35", "province")]
    [InlineData("target-progress", "scheme=PEMBATIK-TULIS", "scheme")]
    [InlineData("target-progress", "province=35", "province")]
    public async Task a_filter_a_view_cannot_honour_is_refused_rather_than_ignored(string view, string query, string field)
    {
        var answer = await Analyst(x =>
        {
            x.Get.Url($"/api/analytics/{view}?{query}");
            x.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        var errors = (await answer.ReadAsJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty(field)[0].GetString()!.ShouldContain("does not apply");
    }

    [Fact]
    public async Task readiness_reports_the_daemon_lag_of_each_read_model()
    {
        var body = await Host.GetAsJson<JsonElement>("/health/ready");

        var daemon = body.GetProperty("checks").GetProperty("daemon");
        daemon.GetProperty("data").TryGetProperty("regency_totals", out var totals).ShouldBeTrue();
        totals.TryGetProperty("lag", out _).ShouldBeTrue();
    }

    static string OfficialList()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "regencies.csv"));
        throw new FileNotFoundException("No Ledger.sln above the test's base directory.");
    }
}
