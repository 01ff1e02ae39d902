using Ledger.Agreements;
using Ledger.Certifications;
using Ledger.Commands;
using Microsoft.Extensions.DependencyInjection;
using Ledger.Marten;
using Ledger.Testing;
using static Ledger.Tests.Domain.Sample;

namespace Ledger.Tests.Integration;

/// <summary>
/// Tuban's paper register of 2022 imported as a CSV file: good rows record their whole certification with the day each
/// fact happened, bad rows are refused with their line and the rule's own words and leave nothing behind, and importing
/// the same file again records nothing.
/// </summary>
public sealed class ImportingAPaperRegister : DomainTest
{
    const string Header =
        "nik,name,gender,birth_year,regency,business,scheme,enrolled_on,assessed_on,assessor,site,units,verdict,panel,decided_on,issued_on,lsp,blanko,paper_number,handed_over_on,handover_official,handover_place";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignAgreementsAsync(quota: 3, signedIn: 2022);
    }

    static string Row(int n, string regency = Regency, string issuedOn = "2022-12-20", string decidedOn = "2022-08-10", string enrolledOn = "2022-08-01",
        string verdict = "K", string handover = "2023-01-26,Bupati Tuban,\"Pendopo Kabupaten Tuban, Jawa Timur\"") =>
        $"{NikOf(n)},Perajin {n},F,1985,{regency},IKM Batik Gedog,{Scheme},{enrolledOn},2022-08-04,{Assessor},TUK Sewaktu Tuban," +
        $"C.13BTK01.001.2;C.13BTK01.002.2,{verdict},Rina Wati;Agus Salim,{decidedOn},{issuedOn},LSPBATIK,BLK-2022-{n:D3},LSP-BTK/2022/{n},{handover}";

    static PaperRegister Register(params string[] rows) => PaperRegister.Parse(string.Join("\n", [Header, .. rows]) + "\n");

    Task<ImportReport> ImportAsync(PaperRegister register) =>
        Importer.ImportAsync(register, new ImportSource(Registrar, DateTimeOffset.UtcNow, "tuban-2022.csv"));

    [Fact]
    public async Task good_rows_are_recorded_and_bad_rows_are_refused_with_their_line_and_reason_leaving_nothing_behind()
    {
        var register = Register(
            Row(1),
            Row(2, handover: ",,"),
            Row(3, issuedOn: "2022-08-09"),
            Row(4, regency: "99.99"),
            Row(5, enrolledOn: "2022-13-01"),
            Row(6, verdict: "BK"),
            Row(7),
            Row(8));

        var report = await ImportAsync(register);

        report.Summary.ShouldBe("3 recorded, 0 already present, 5 refused");
        report.Lines.Where(l => l.Outcome == ImportOutcome.Recorded).Select(l => l.Line).ShouldBe([2, 3, 8]);
        report.Lines.Where(l => l.Outcome == ImportOutcome.Refused).Select(l => (l.Line, l.Reason)).ShouldBe(
        [
            (4, "The issue date 2022-08-09 precedes the decision of 2022-08-10."),
            (5, "No regency or city has the code 99.99 on the official list (Kepmendagri No. 300.2.2-2138 Tahun 2025)."),
            (6, "Column enrolled_on: '2022-13-01' is not a day (yyyy-MM-dd)."),
            (7, "No certificate can be issued without a K (competent) decision by the panel."),
            (9, $"The 2022 quota of 3 artisans under PKS {PksId} is used up."),
        ]);
        (await CountEventsAsync("artisan_registered")).ShouldBe(3);
        (await CountEventsAsync("artisan_enrolled")).ShouldBe(3);
        (await CountEventsAsync("certificate_issued")).ShouldBe(3);
        (await CountEventsAsync("certificate_handed_over")).ShouldBe(2);
        (await StateAsync<Pks>(PksId)).SeatsTaken.ShouldBe(new Dictionary<int, int> { [2022] = 3 });
        (await StateAsync<CertificateNumbering>(CertificateNumbering.StreamIdFor("LSPBATIK", 2022))).LastSerial.ShouldBe(3);
        report.Lines.Where(l => l.Outcome == ImportOutcome.Recorded).Select(l => l.CertificateNumber)
            .ShouldBe([.. Enumerable.Range(1, 3).Select(s => new CertificateNumber("LSPBATIK", 2022, s).ToString())]);
    }

    [Fact]
    public async Task an_imported_certification_keeps_its_dates_its_line_and_its_paper_number()
    {
        var report = await ImportAsync(Register(Row(1)));

        var certification = report.Lines.Single().CertificationId!.Value;
        var state = await StateAsync<Certification>(certification);
        state.Certificate!.ValidFrom.ShouldBe(new DateOnly(2022, 12, 20));
        state.Certificate.HandedOver.ShouldBe(new Handover("Bupati Tuban", "Pendopo Kabupaten Tuban, Jawa Timur", new DateOnly(2023, 1, 26)));
        var stream = await StreamAsync(certification);
        stream.Select(e => e.EventTypeName).ShouldBe(["artisan_enrolled", "application_accepted", "assessment_recorded", "certification_decided",
            "certificate_issued", "certificate_handed_over"]);
        stream.ShouldAllBe(e => e.UserName == Registrar && Equals(e.GetHeader(LedgerStore.ImportLineHeader)!.ToString(), "2")
            && Equals(e.GetHeader(LedgerStore.ImportHeader)!.ToString(), "tuban-2022.csv"));
        stream.Single(e => e.Data is CertificateIssued).GetHeader(LedgerStore.PaperNumberHeader)!.ToString().ShouldBe("LSP-BTK/2022/1");
        await Eventually.HoldsAsync(async () => (await StateAsync<Certification>(certification)).Status == CertificateStatus.Expired,
            "the imported certificate, valid until 2025-12-19, to be recorded expired");
    }

    [Fact]
    public async Task importing_the_same_file_again_records_nothing()
    {
        var register = Register(Row(1), Row(2), Row(3, issuedOn: "2022-08-09"));
        var first = await ImportAsync(register);
        var events = await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".mt_events where type <> 'certificate_expired'");

        var again = await ImportAsync(register);

        first.Summary.ShouldBe("2 recorded, 0 already present, 1 refused");
        again.Summary.ShouldBe("0 recorded, 2 already present, 1 refused");
        again.Lines.Where(l => l.Outcome == ImportOutcome.AlreadyPresent).Select(l => l.CertificateNumber)
            .ShouldBe(first.Lines.Where(l => l.Outcome == ImportOutcome.Recorded).Select(l => l.CertificateNumber));
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".mt_events where type <> 'certificate_expired'")).ShouldBe(events);
    }

    [Fact]
    public async Task an_artisan_registered_by_hand_is_found_by_their_nik_not_registered_twice()
    {
        var artisan = await RegisterAsync(1);

        var report = await ImportAsync(Register(Row(1)));

        report.Lines.Single().CertificationId.ShouldBe(CertificationStreams.IdFor(artisan, Scheme));
        (await CountEventsAsync("artisan_registered")).ShouldBe(1);
    }

    [Fact]
    public async Task imports_racing_for_the_same_quota_never_take_more_seats_than_it_has()
    {
        await Commands.RecordAsync(new AmendPks(PksId, "PKS-AMD-1", null, 6, null, null, "more artisans this year", Registrar, At));
        var importer = new CertificateImport(Services.GetRequiredService<IServiceScopeFactory>(), PersonalData, new LedgerDatabase(TestDatabase.DataSource, Schema))
        {
            ChunkSize = 1,
            Retries = new CommandRetries(CommandRetries.MaxAttempts, 5),
        };

        var reports = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() =>
            importer.ImportAsync(Register([.. Enumerable.Range(1 + 5 * i, 5).Select(n => Row(n))]), new ImportSource(Registrar, DateTimeOffset.UtcNow, $"part-{i}.csv")))));

        reports.Sum(r => r.Recorded).ShouldBe(6);
        reports.SelectMany(r => r.Lines).Where(l => l.Outcome == ImportOutcome.Refused).Select(l => l.Reason)
            .ShouldAllBe(reason => reason == $"The 2022 quota of 6 artisans under PKS {PksId} is used up.");
        (await StateAsync<Pks>(PksId)).SeatsTaken.ShouldBe(new Dictionary<int, int> { [2022] = 6 });
        (await StateAsync<CertificateNumbering>(CertificateNumbering.StreamIdFor("LSPBATIK", 2022))).LastSerial.ShouldBe(6);
    }
}
