using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;

namespace Ledger.Api.Tests.Registry;

/// <summary>Steps of a certification's life as scenarios on the host, each expecting its own success, for tests to build on.</summary>
public sealed class RegistryScenario(LedgerApiFactory api)
{
    public const string Scheme = "PEMBATIK-TULIS";

    readonly IAlbaHost host = api.Host;

    /// <summary>The token of the registrar who records the steps.</summary>
    public string Registrar { get; } = api.Token(LedgerRoles.Registrar, "Rina Marlina");

    /// <summary>The token of the agency that signs agreements and follows artisans up.</summary>
    public string Agency { get; } = api.Token(LedgerRoles.Agency, "Dwi Handayani");

    /// <summary>The token of an auditor.</summary>
    public string Auditor { get; } = api.Token(LedgerRoles.Auditor, "Hendra Gunawan");

    /// <summary>A day relative to today in Asia/Jakarta, the calendar the ledger dates facts by, written as requests carry it.</summary>
    public static string Today(int plusDays = 0) => Ledger.Domain.Days.TodayInJakarta(TimeProvider.System).AddDays(plusDays).ToString("yyyy-MM-dd");

    public static string RandomNik() => "3604" + string.Concat(Enumerable.Range(0, 12).Select(_ => Random.Shared.Next(10)));

    /// <summary>A registration of an artisan in Serang.</summary>
    public static object Artisan(string name = "Siti Rahayu", string? nik = null, string regency = "36.04") =>
        new { name, nik = nik ?? RandomNik(), gender = "Female", birthYear = 1985, regencyCode = regency, businessName = "Batik Serang Sari" };

    /// <summary>An enrollment of <paramref name="artisan"/> in the scheme under <paramref name="pks"/>.</summary>
    public static object Enrollment(Guid artisan, Guid pks) => new { artisanId = artisan, schemeCode = Scheme, pksId = pks };

    /// <summary>An assessment of two units, the first with <paramref name="recommendation"/>.</summary>
    public static object Assessment(string assessor = "Sri Wahyuni", string recommendation = "Competent") => new
    {
        assessor, assessmentSite = "TUK Sewaktu BBSPJIKB", assessedOn = Today(),
        units = new[]
        {
            new { unitCode = "C.13BTK01.001.2", recommendation, method = "Observation" },
            new { unitCode = "C.13BTK01.002.2", recommendation = "Competent", method = "Portfolio" },
        },
    };

    public async Task<Guid> RegisterArtisanAsync(string name = "Siti Rahayu", string regency = "36.04", string? nik = null) =>
        await IdAsync(await WriteAsync(Registrar, "/api/registry/artisans", Artisan(name, nik, regency), HttpStatusCode.Created));

    /// <summary>An MoU and a PKS for the regency, signed by the agency; the PKS's id.</summary>
    public async Task<Guid> SignAgreementsAsync(string regency = "36.04", int quota = 10)
    {
        var mou = await IdAsync(await WriteAsync(Agency, "/api/registry/mous", new
        {
            regencyCode = regency, centreName = "BBSPJIKB Yogyakarta", regencyHead = "Ratu Tatu Chasanah", centreHead = "Titik Purwati",
            signedOn = Today(-30), validUntil = Today(700),
        }, HttpStatusCode.Created));
        return await IdAsync(await WriteAsync(Agency, "/api/registry/pks", new
        {
            mouId = mou, agencyName = "Dinas Perindustrian", agencyHead = "Aning Rahmawati", centreHead = "Titik Purwati",
            signedOn = Today(-20), validUntil = Today(365), schemes = new[] { Scheme }, yearlyQuota = quota, equipmentAidPerArtisan = "Kompor listrik",
        }, HttpStatusCode.Created));
    }

    /// <summary>The artisan enrolled under the PKS: the answer, a 201.</summary>
    public Task<IScenarioResult> EnrollAsync(Guid artisan, Guid pks) =>
        WriteAsync(Registrar, "/api/registry/certifications", Enrollment(artisan, pks), HttpStatusCode.Created);

    /// <summary>Enrolled, accepted, assessed and decided K: ready for issuance. The certification's id.</summary>
    public async Task<Guid> DecidedCompetentAsync(Guid? pks = null)
    {
        pks ??= await SignAgreementsAsync();
        var artisan = await RegisterArtisanAsync();
        var certification = await IdAsync(await EnrollAsync(artisan, pks.Value));
        var path = $"/api/registry/certifications/{certification}";
        await WriteAsync(Registrar, $"{path}/application/acceptance");
        await WriteAsync(Registrar, $"{path}/assessments", Assessment());
        await WriteAsync(Registrar, $"{path}/decision", new { decision = "Competent", panel = new[] { "Endang Lestari", "Bambang Sutrisno" } });
        return certification;
    }

    /// <summary>A certification with its certificate issued: its id and the certificate's number.</summary>
    public async Task<(Guid Certification, string Number)> IssuedAsync(Guid? pks = null)
    {
        var certification = await DecidedCompetentAsync(pks);
        var issued = await WriteAsync(Registrar, $"/api/registry/certifications/{certification}/certificate",
            new { blankoNumber = "BNSP-B 0012345", issuingLsp = "LSPBATIK" });
        return (certification, (await issued.ReadAsJsonAsync<JsonElement>()).GetProperty("certificateNumber").GetString()!);
    }

    Task<IScenarioResult> WriteAsync(string token, string path, object? body = null, HttpStatusCode status = HttpStatusCode.OK) =>
        host.Scenario(x =>
        {
            x.WithBearerToken(token);
            if (body is null) x.Post.Url(path);
            else x.Post.Json(body).ToUrl(path);
            x.StatusCodeShouldBe(status);
        });

    static async Task<Guid> IdAsync(IScenarioResult answer) => (await answer.ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}
