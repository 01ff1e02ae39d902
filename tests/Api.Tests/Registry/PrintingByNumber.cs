using Ledger.Api.Pages.Printing;
using Ledger.Certifications;
using Ledger.PersonalData;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Registry;

/// <summary>The printable certificate is found by its number in the issuing LSP's numbering stream for the year.</summary>
public sealed class PrintingByNumber(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    PrintableCertificateQuery Query => new(api.Services.GetRequiredService<IDocumentStore>().QuerySession(), api.Services.GetRequiredService<PersonalDataProtector>());

    [Fact]
    public async Task each_of_an_lsps_certificates_is_found_by_its_number_and_a_serial_never_taken_is_not()
    {
        var given = new RegistryScenario(api);
        var pks = await given.SignAgreementsAsync();
        var (_, first) = await given.IssuedAsync(pks);
        var (_, second) = await given.IssuedAsync(pks);

        (await Query.FindAsync(CertificateNumber.Parse(first)))!.Number.ShouldBe(first);
        (await Query.FindAsync(CertificateNumber.Parse(second)))!.Number.ShouldBe(second);
        var issued = CertificateNumber.Parse(second);
        (await Query.FindAsync(new CertificateNumber(issued.LspCode, issued.Year, issued.Serial + 100))).ShouldBeNull();
        (await Query.FindAsync(new CertificateNumber(issued.LspCode, issued.Year - 1, issued.Serial))).ShouldBeNull();
    }
}
