using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;

namespace Ledger.Api.Tests.Registry;

/// <summary>
/// Jombang's 2022 register posted as CSV to <c>/api/registry/imports/certificates</c>: a 200 naming every line's outcome,
/// nothing more on a second post of the same file, the certificate counted in 2022 by the read models, and a file
/// without its columns refused as a whole.
/// </summary>
public sealed class ImportingPaperRegisters(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    const string Path = "/api/registry/imports/certificates";
    const string Header =
        "nik,name,gender,birth_year,regency,business,scheme,enrolled_on,assessed_on,assessor,site,units,verdict,panel,decided_on,issued_on,lsp,blanko,handed_over_on,handover_official,handover_place";

    readonly RegistryScenario given = new(api);

    IAlbaHost Host => api.Host;

    static string Row(string nik, string issuedOn = "2022-12-20") =>
        $"{nik},Siti Rahayu,P,1985,35.17,IKM Batik Jombang,{RegistryScenario.Scheme},2022-08-01,2022-08-04,Sri Wahyuni,TUK Sewaktu Jombang," +
        $"C.13BTK01.001.2;C.13BTK01.002.2,K,Endang Lestari,2022-08-10,{issuedOn},LSPJOMBANG,BNSP-B 0022017,2023-01-26,Bupati Jombang,Pendopo Kabupaten Jombang";

    Task<IScenarioResult> PostCsv(string csv, HttpStatusCode status, string? token = null) => Host.Scenario(x =>
    {
        x.WithBearerToken(token ?? given.Registrar);
        x.Post.Text(csv).ToUrl(Path);
        x.WithRequestHeader("Content-Type", "text/csv");
        if (status == HttpStatusCode.OK) x.StatusCodeShouldBe(status);
        else x.ProblemShouldBe(status);
    });

    async Task SignJombangAgreementsOf2022Async()
    {
        var mou = await Host.Scenario(x =>
        {
            x.WithBearerToken(given.Agency);
            x.Post.Json(new
            {
                regencyCode = "35.17", centreName = "BBSPJIKB Yogyakarta", regencyHead = "Mundjidah Wahab", centreHead = "Titik Purwati",
                signedOn = "2022-01-10", validUntil = "2026-12-31",
            }).ToUrl("/api/registry/mous");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        var mouId = (await mou.ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Host.Scenario(x =>
        {
            x.WithBearerToken(given.Agency);
            x.Post.Json(new
            {
                mouId, agencyName = "Dinas Perindustrian Kabupaten Jombang", agencyHead = "Kepala Dinas",
                centreHead = "Titik Purwati", signedOn = "2022-02-01", validUntil = "2026-12-31", schemes = new[] { RegistryScenario.Scheme }, yearlyQuota = 20,
            }).ToUrl("/api/registry/pks");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });
    }

    [Fact]
    public async Task a_register_is_answered_line_by_line_recorded_once_and_counted_in_the_year_it_happened()
    {
        await SignJombangAgreementsOf2022Async();
        var nik = "3517" + RegistryScenario.RandomNik()[4..];
        var csv = string.Join("\n", Header, Row(nik), Row("3517" + RegistryScenario.RandomNik()[4..], issuedOn: "2022-08-09")) + "\n";

        var first = await (await PostCsv(csv, HttpStatusCode.OK)).ReadAsJsonAsync<JsonElement>();
        var again = await (await PostCsv(csv, HttpStatusCode.OK)).ReadAsJsonAsync<JsonElement>();

        first.GetProperty("summary").GetString().ShouldBe("1 recorded, 0 already present, 1 refused");
        var lines = first.GetProperty("lines").EnumerateArray().ToArray();
        lines[0].GetProperty("line").GetInt32().ShouldBe(2);
        lines[0].GetProperty("outcome").GetString().ShouldBe("recorded");
        var number = lines[0].GetProperty("certificateNumber").GetString()!;
        number.ShouldStartWith("LSPJOMBANG-2022-");
        lines[1].GetProperty("line").GetInt32().ShouldBe(3);
        lines[1].GetProperty("outcome").GetString().ShouldBe("refused");
        lines[1].GetProperty("reason").GetString().ShouldBe("The issue date 2022-08-09 precedes the decision of 2022-08-10.");
        again.GetProperty("summary").GetString().ShouldBe("0 recorded, 1 already present, 1 refused");
        again.GetProperty("lines")[0].GetProperty("certificateNumber").GetString().ShouldBe(number);

        var analyst = api.Token(LedgerRoles.Analyst, "Ayu Lestari");
        JsonElement page = default;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            page = await (await Host.Scenario(x =>
            {
                x.WithBearerToken(analyst);
                x.Get.Url("/api/analytics/regencies?regency=35.17&year=2022");
            })).ReadAsJsonAsync<JsonElement>();
            if (page.GetProperty("total").GetInt64() > 0) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        var total = page.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        total.GetProperty("year").GetInt32().ShouldBe(2022);
        total.GetProperty("issued").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task a_file_without_its_columns_is_a_422_naming_them_and_an_empty_one_a_400()
    {
        var malformed = await (await PostCsv("nik,name\n3517000000000001,Siti\n", HttpStatusCode.UnprocessableEntity)).ReadAsJsonAsync<JsonElement>();
        malformed.GetProperty("detail").GetString()!.ShouldStartWith("The header lacks the columns gender, birth_year, regency,");

        await PostCsv("", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task only_a_registrar_may_import()
    {
        await PostCsv(Header + "\n", HttpStatusCode.Forbidden, given.Agency);
    }
}
