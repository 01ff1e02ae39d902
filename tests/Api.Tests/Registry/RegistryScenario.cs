using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Auth;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Registry;

/// <summary>Steps of a certification's life over HTTP, each asserting its own success, for tests to build on.</summary>
public sealed class RegistryScenario(LedgerApiFactory api)
{
    public const string Scheme = "PEMBATIK-TULIS";

    public HttpClient Registrar { get; } = api.ClientFor(LedgerRoles.Registrar, "Rina Marlina");
    public HttpClient Agency { get; } = api.ClientFor(LedgerRoles.Agency, "Dwi Handayani");
    public HttpClient Auditor { get; } = api.ClientFor(LedgerRoles.Auditor, "Hendra Gunawan");

    public static string Today(int plusDays = 0) => DateTime.UtcNow.Date.AddDays(plusDays).ToString("yyyy-MM-dd");

    public static string RandomNik() => "3604" + string.Concat(Enumerable.Range(0, 12).Select(_ => Random.Shared.Next(10)));

    public static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public async Task<Guid> RegisterArtisanAsync(string name = "Siti Rahayu", string regency = "36.04", string? nik = null) =>
        (await Created(await Registrar.PostAsync("/api/registry/artisans", Json($$"""
            {"name": "{{name}}", "nik": "{{nik ?? RandomNik()}}", "gender": "Female", "birthYear": 1985, "regencyCode": "{{regency}}", "businessName": "Batik Serang Sari"}
            """)))).GetProperty("id").GetGuid();

    /// <summary>An MoU and a PKS for the regency, signed by the agency; the PKS's id.</summary>
    public async Task<Guid> SignAgreementsAsync(string regency = "36.04", int quota = 10)
    {
        var mou = (await Created(await Agency.PostAsync("/api/registry/mous", Json($$"""
            {"regencyCode": "{{regency}}", "centreName": "BBSPJIKB Yogyakarta", "regencyHead": "Ratu Tatu Chasanah", "centreHead": "Titik Purwati",
             "signedOn": "{{Today(-30)}}", "validUntil": "{{Today(700)}}"}
            """)))).GetProperty("id").GetGuid();
        return (await Created(await Agency.PostAsync("/api/registry/pks", Json($$"""
            {"mouId": "{{mou}}", "agencyName": "Dinas Perindustrian", "agencyHead": "Aning Rahmawati", "centreHead": "Titik Purwati",
             "signedOn": "{{Today(-20)}}", "validUntil": "{{Today(365)}}", "schemes": ["{{Scheme}}"], "yearlyQuota": {{quota}}, "equipmentAidPerArtisan": "Kompor listrik"}
            """)))).GetProperty("id").GetGuid();
    }

    public Task<HttpResponseMessage> EnrollAsync(Guid artisan, Guid pks) =>
        Registrar.PostAsync("/api/registry/certifications", Json($$"""{"artisanId": "{{artisan}}", "schemeCode": "{{Scheme}}", "pksId": "{{pks}}"}"""));

    public static StringContent Assessment(string assessor = "Sri Wahyuni", string recommendation = "Competent") => Json($$"""
        {"assessor": "{{assessor}}", "assessmentSite": "TUK Sewaktu BBSPJIKB", "assessedOn": "{{Today()}}",
         "units": [{"unitCode": "C.13BTK01.001.2", "recommendation": "{{recommendation}}", "method": "Observation"},
                   {"unitCode": "C.13BTK01.002.2", "recommendation": "Competent", "method": "Portfolio"}]}
        """);

    /// <summary>Enrolled, accepted, assessed and decided K: ready for issuance. The certification's id.</summary>
    public async Task<Guid> DecidedCompetentAsync(Guid? pks = null)
    {
        pks ??= await SignAgreementsAsync();
        var artisan = await RegisterArtisanAsync();
        var certification = (await Created(await EnrollAsync(artisan, pks.Value))).GetProperty("id").GetGuid();
        await Ok(await Registrar.PostAsync($"/api/registry/certifications/{certification}/application/acceptance", null));
        await Ok(await Registrar.PostAsync($"/api/registry/certifications/{certification}/assessments", Assessment()));
        await Ok(await Registrar.PostAsync($"/api/registry/certifications/{certification}/decision",
            Json("""{"decision": "Competent", "panel": ["Endang Lestari", "Bambang Sutrisno"]}""")));
        return certification;
    }

    /// <summary>A certification with its certificate issued: its id and the certificate's number.</summary>
    public async Task<(Guid Certification, string Number)> IssuedAsync(Guid? pks = null)
    {
        var certification = await DecidedCompetentAsync(pks);
        var issued = await Ok(await Registrar.PostAsync($"/api/registry/certifications/{certification}/certificate",
            Json("""{"blankoNumber": "BNSP-B 0012345", "issuingLsp": "LSPBATIK"}""")));
        return (certification, issued.GetProperty("certificateNumber").GetString()!);
    }
}
