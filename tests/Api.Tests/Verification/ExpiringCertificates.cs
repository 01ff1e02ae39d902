using Wolverine.Runtime;
using Wolverine;
using Ledger.Commands;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Hosting;
using Ledger.Certifications;
using Ledger.Domain;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Verification;

/// <summary>The host records the expiry of certificates past their dates, as the lookup already judges them.</summary>
public sealed class ExpiringCertificates(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    const string Registrar = "registrar:dewi";

    IMessageBus Commands => new MessageBus(api.Services.GetRequiredService<IWolverineRuntime>());

    ExpiryService Expiry => api.Services.GetRequiredService<ExpiryService>();

    Task<(Guid Certification, string Number)> CertifyAsync(string name, DateTimeOffset at) =>
        CertifiedThroughTheDomain.CertifyAsync(Commands, name, at);

    async Task<string> StatusAsync(string number) =>
        (await api.ClientFor(null).GetFromJsonAsync<JsonElement>($"/api/verify/{number}")).GetProperty("status").GetString()!;

    [Fact]
    public async Task a_certificate_past_its_dates_is_recorded_expired_and_a_revoked_or_current_one_is_left_alone()
    {
        var fourYearsAgo = DateTimeOffset.UtcNow.AddYears(-4);
        var (old, oldNumber) = await CertifyAsync("Siti Rahayu", fourYearsAgo);
        var (revoked, revokedNumber) = await CertifyAsync("Dewi Lestari", fourYearsAgo);
        await Commands.RecordAsync(new RevokeCertificate(revoked, "Certificate obtained with a forged portfolio", Registrar, fourYearsAgo.AddDays(10)));
        var (_, currentNumber) = await CertifyAsync("Ani Suryani", DateTimeOffset.UtcNow);

        await Expiry.ExpireDueAsync(CancellationToken.None);

        (await StatusAsync(oldNumber)).ShouldBe("expired");
        (await StatusAsync(revokedNumber)).ShouldBe("revoked");
        (await StatusAsync(currentNumber)).ShouldBe("valid");
        await using var query = api.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var history = await query.Events.FetchStreamAsync(old);
        history[^1].Data.ShouldBeOfType<CertificateExpired>().CertificateNumber.ShouldBe(oldNumber);
        history[^1].UserName.ShouldBe(ExpiryService.Actor);
        (await query.Events.FetchStreamAsync(revoked)).ShouldNotContain(e => e.Data is CertificateExpired);
    }

    [Fact]
    public async Task a_second_round_finds_nothing_left_to_expire()
    {
        var (_, number) = await CertifyAsync("Nur Aini", DateTimeOffset.UtcNow.AddYears(-4));

        await Expiry.ExpireDueAsync(CancellationToken.None);
        var again = await Expiry.ExpireDueAsync(CancellationToken.None);

        again.ShouldBe(0);
        (await StatusAsync(number)).ShouldBe("expired");
    }
}
