using Wolverine.Runtime;
using Wolverine;
using Ledger.Commands;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Marten;
using Ledger.Projections.ReadModels;
using Ledger.Projections.Regencies;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Pages.Tests;

/// <summary>
/// A small year through the real commands: agreements in Tuban (35.23) and Serang (36.04), three certified artisans
/// (one of them revoked) and one assessed not yet competent; then Marten's daemon is waited for until it has caught up.
/// </summary>
public sealed record DemoData(string ValidNumber, string RevokedNumber, string SerangNumber, int Year)
{
    public const string Scheme = "PEMBATIK-TULIS";
    public const string RevocationReason = "Final conviction for fraud";
    const string Registrar = "registrar:dewi";

    public static async Task<DemoData> SeedAsync(IServiceProvider services)
    {
        var database = services.GetRequiredService<LedgerDatabase>();
        var bus = new MessageBus(services.GetRequiredService<IWolverineRuntime>());
        await RegencyImport.ImportFileAsync(database, OfficialList());
        var at = DateTimeOffset.UtcNow;
        var today = Ledger.Domain.Days.InJakarta(at);

        async Task<Guid> AgreementAsync(string regency, string agency)
        {
            var (mou, pks) = (Guid.NewGuid(), Guid.NewGuid());
            await bus.RecordAsync(new SignMou(mou, regency, "BBSPJIKB Yogyakarta", "Bupati", "Kepala BBSPJIKB",
                today.AddDays(-30), today.AddYears(4), Registrar, at));
            await bus.RecordAsync(new SignPks(pks, mou, agency, "Kepala Dinas", "Kepala BBSPJIKB",
                today.AddDays(-20), today.AddYears(2), [Scheme], 10, "kompor listrik", Registrar, at));
            return pks;
        }

        async Task<Guid> AssessAsync(Guid pks, string regency, string name, string site, Competence outcome)
        {
            var artisan = Guid.NewGuid();
            await bus.RecordAsync(new RegisterArtisan(artisan, name, $"{regency.Replace(".", "")}{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}",
                Gender.Female, 1985, regency, "IKM Batik Gedog", Registrar, at));
            await bus.RecordAsync(new EnrollArtisan(artisan, Scheme, pks, null, Registrar, at));
            var certification = CertificationStreams.IdFor(artisan, Scheme);
            await bus.RecordAsync(new AcceptApplication(certification, Registrar, at));
            await bus.RecordAsync(new RecordAssessment(certification, "Budi Santoso", site, today,
                [new UnitAssessment("C.13BTK01.001.2", outcome, EvidenceMethod.Observation),
                 new UnitAssessment("C.13BTK01.002.2", outcome, EvidenceMethod.Portfolio)], Registrar, at));
            await bus.RecordAsync(new DecideCertification(certification, outcome, ["Rina Wati"], Registrar, at));
            return certification;
        }

        async Task<(Guid, string)> CertifyAsync(Guid pks, string regency, string name, string site)
        {
            var certification = await AssessAsync(pks, regency, name, site, Competence.Competent);
            var issued = await bus.RecordAsync(new IssueCertificate(certification, $"BLK-{Guid.NewGuid():N}"[..12], "LSPBATIK", Registrar, at));
            return (certification, issued.Events.Select(e => e.Data).OfType<CertificateIssued>().Single().CertificateNumber);
        }

        var tuban = await AgreementAsync("35.23", "Dinas Koperasi UKM Tuban");
        var serang = await AgreementAsync("36.04", "Dinas Perindustrian Serang");
        var (_, valid) = await CertifyAsync(tuban, "35.23", "Siti Rahayu", "TUK Sewaktu Tuban");
        var (revokedId, revoked) = await CertifyAsync(tuban, "35.23", "Sri Wahyuni", "TUK Sewaktu Tuban");
        await bus.RecordAsync(new RevokeCertificate(revokedId, RevocationReason, Registrar, at));
        var (_, serangNumber) = await CertifyAsync(serang, "36.04", "Dewi Lestari", "TUK Serang");
        await AssessAsync(serang, "36.04", "Ani Susanti", "TUK Serang", Competence.NotYetCompetent);

        await CaughtUpAsync(services.GetRequiredService<ReadModelStatusQuery>(), database);
        return new DemoData(valid, revoked, serangNumber, at.Year);
    }

    /// <summary>Polls Marten's progression until every read model has reached the head of the log.</summary>
    static async Task CaughtUpAsync(ReadModelStatusQuery status, LedgerDatabase database)
    {
        await using var command = database.DataSource.CreateCommand($"select coalesce(max(seq_id), 0) from {database.Quoted}.mt_events");
        var head = (long)(await command.ExecuteScalarAsync())!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var side = await status.ReadAsync();
            if (side.ReadModels.All(r => r.Sequence >= head)) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The daemon did not catch up with " + head + ": " +
                    string.Join("; ", side.ReadModels.Select(r => $"{r.Name} {r.Sequence} {r.State} {r.Error}")));
            await Task.Delay(100);
        }
    }

    static string OfficialList()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "regencies.csv"));
        throw new FileNotFoundException("No Ledger.sln above the test's base directory.");
    }
}
