using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Certifications;
using Ledger.Commands;
using Ledger.Domain;
using Ledger.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;

namespace Ledger.Api.Tests.Verification;

/// <summary>The host records a certificate's expiry when it comes due, and the lookup says so.</summary>
public sealed class ExpiringCertificates(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    IMessageBus Commands => new MessageBus(api.Services.GetRequiredService<IWolverineRuntime>());

    async Task<string> StatusAsync(string number) =>
        (await api.ClientFor(null).GetFromJsonAsync<JsonElement>($"/api/verify/{number}")).GetProperty("status").GetString()!;

    async Task<IReadOnlyList<JasperFx.Events.IEvent>> HistoryAsync(Guid certification)
    {
        await using var query = api.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await query.Events.FetchStreamAsync(certification);
    }

    [Fact]
    public async Task a_certificate_issued_after_its_validity_ended_is_expired_at_once_and_the_lookup_says_so()
    {
        var (certification, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Siti Rahayu", DateTimeOffset.UtcNow.AddYears(-3).AddDays(-10));

        await Eventually.HoldsAsync(async () => (await HistoryAsync(certification))[^1].Data is CertificateExpired, "the expiry to be recorded");
        var recorded = (await HistoryAsync(certification))[^1];
        recorded.UserName.ShouldBe(CertificateExpiryDue.SystemActor);
        recorded.Data.ShouldBeOfType<CertificateExpired>().CertificateNumber.ShouldBe(number);
        (await StatusAsync(number)).ShouldBe("expired");
        (await TestDatabase.ScalarAsync<string>($"select status from \"{api.Schema}\".verification_view where certificate_number = $1", number))
            .ShouldBe("expired");
    }

    [Fact]
    public async Task a_certificate_within_its_dates_stays_valid_with_its_expiry_stored_for_later()
    {
        var (certification, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Ani Suryani", DateTimeOffset.UtcNow);

        (await StatusAsync(number)).ShouldBe("valid");
        (await HistoryAsync(certification)).ShouldNotContain(e => e.Data is CertificateExpired);
        var validUntil = (await HistoryAsync(certification)).Select(e => e.Data).OfType<CertificateIssued>().Single().ValidUntil;
        (await StoredExpiries.InAsync(api.Schema)).ShouldContain(e => e.Status == "Scheduled" && e.ExecutionTime == Days.StartInJakarta(validUntil.AddDays(1)));
    }
}
