using Ledger.Commands;
using Wolverine;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Projections.Regencies;
using Ledger.Training;
using Ledger.Marten;
using Marten;

namespace Ledger.Api.Hosting;

/// <summary>
/// A realistic demo: the regency list, MoUs and PKS for a handful of batik regencies, batches from the start of the year
/// two years back until a few weeks ago, and artisans through their whole certification life (K and BK with second
/// attempts, issuance, a few freezes, reinstatements and revocations). Every command goes through the domain, so every
/// rule holds; each fact carries the day it happened (a province, a state-owned firm and a ministry sign too, and training
/// programmes train artisans every year), spread over those years so that yearly and monthly series have shape.
/// Ids are derived from fixed names: a second run finds the first MoU and refuses without writing.
/// </summary>
public sealed class DemoSeeder(IDocumentStore store, LedgerDatabase database, IMessageBus bus, TimeProvider time, TextWriter progress)
{
    const string Actor = "demo-seeder";
    const string Lsp = "LSPBATIK";
    const string Centre = "BBSPJIKB Yogyakarta";
    const string CentreHead = "Titik Purwati Widowati";
    static readonly string[] Schemes = ["PEMBATIK-TULIS", "PEWARNA-BATIK"];

    static readonly IReadOnlyDictionary<string, string[]> Units = new Dictionary<string, string[]>
    {
        ["PEMBATIK-TULIS"] = ["C.13BTK01.001.2", "C.13BTK01.002.2", "C.13BTK01.003.2"],
        ["PEWARNA-BATIK"] = ["C.13BTK02.001.2", "C.13BTK02.002.2"],
    };

    static readonly (string Code, string Regent, string AgencyHead)[] Regencies =
    [
        ("36.04", "Ratu Tatu Chasanah", "Aning Rahmawati"),
        ("35.23", "Aditya Halindra Faridzky", "Agus Wijaya"),
        ("35.17", "Mundjidah Wahab", "Bambang Supriyadi"),
        ("33.26", "Fadia Arafiq", "Sri Mulyani"),
        ("34.02", "Abdul Halim Muslih", "Joko Purnomo"),
    ];

    static readonly string[] WomenNames = ["Siti", "Sri", "Endang", "Sumiati", "Tri", "Dewi", "Wahyuni", "Rukmini", "Suharti", "Lestari", "Ningsih", "Yuliana", "Kartini", "Murni", "Partini"];
    static readonly string[] MenNames = ["Bambang", "Agus", "Joko", "Slamet", "Budi", "Eko", "Hadi", "Sutrisno", "Wahyu", "Rudi"];
    static readonly string[] FamilyNames = ["Rahayu", "Wulandari", "Susanti", "Handayani", "Purwanti", "Setiawan", "Santoso", "Hidayat", "Prasetyo", "Kusuma", "Maryati", "Suryani", "Nugroho", "Utami"];
    static readonly string[] Businesses = ["Batik Sekar Jagad", "Batik Tulis Mekar", "Batik Gentongan", "Sanggar Batik Lestari", "Batik Canting Emas", "Batik Sido Luhur", "Batik Kembang Setaman", "IKM Batik Parang Seling"];
    static readonly string[] Assessors = ["Sri Wahyuni", "Hartono", "Dwi Astuti", "Yohanes Purnama"];
    static readonly string[] Panel = ["Endang Lestari", "Bambang Sutrisno", "Retno Wulan"];

    const int BatchSize = 20;

    /// <summary>Each regency's yearly quota: room for its share of the batches, round robin, and a few more.</summary>
    static int QuotaFor(int certifications) => ((certifications + BatchSize - 1) / BatchSize + Regencies.Length - 1) / Regencies.Length * BatchSize + 10;

    public static Guid MouIdFor(string regency) => DeterministicId.From("demo-mou", regency);

    /// <summary>How many years before this one the demo begins.</summary>
    public const int HistoryYears = 2;

    public async Task<int> RunAsync(int certifications, string? regenciesFile, CancellationToken ct = default)
    {
        if (await EventsExistAsync(MouIdFor(Regencies[0].Code), ct))
        {
            await progress.WriteLineAsync("seed-demo: this ledger already holds the demo (its first MoU exists); nothing was recorded.");
            return 0;
        }
        if (regenciesFile is not null)
        {
            var count = await RegencyImport.ImportFileAsync(database, regenciesFile, ct);
            await progress.WriteLineAsync($"seed-demo: imported {count} regencies from {regenciesFile}");
        }
        else
            await progress.WriteLineAsync("seed-demo: the regencies are named by the official list the ledger ships");

        var now = time.GetUtcNow();
        // The demo's facts happened over this year and the two before it, each recorded with the day it happened, so the
        // dashboard and the analytics have years to compare.
        var yearStart = new DateTimeOffset(now.Year - HistoryYears, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(20260101);
        var pksByRegency = new Dictionary<string, Guid>();
        foreach (var (code, regent, agencyHead) in Regencies)
        {
            var signedAt = At(yearStart.AddDays(1), now);
            var mou = MouIdFor(code);
            await bus.RecordAsync(new SignMou(mou, code, Centre, regent, CentreHead, Days.InJakarta(signedAt), new DateOnly(now.Year + 2, 12, 31),
                Actor, signedAt), null, ct);
            var pksAt = At(yearStart.AddDays(8), now);
            var pks = DeterministicId.From("demo-pks", code);
            await bus.RecordAsync(new SignPks(pks, mou, $"Dinas Perindustrian Kabupaten {code}", agencyHead, CentreHead, Days.InJakarta(pksAt),
                new DateOnly(now.Year + 1, 12, 31), Schemes, QuotaFor(certifications), "Kompor listrik", Actor, pksAt), null, ct);
            pksByRegency[code] = pks;
        }
        await progress.WriteLineAsync($"seed-demo: {Regencies.Length} MoUs and PKS signed");

        var done = 0;
        var issued = 0;
        var batchSize = BatchSize;
        var days = Math.Max(30, (now - yearStart).TotalDays);
        for (var b = 0; done < certifications; b++)
        {
            var (regency, _, _) = Regencies[b % Regencies.Length];
            var scheme = Schemes[b % 3 == 2 ? 1 : 0];
            // Batches spread from mid-January of the first year up to about three weeks ago.
            var batchCount = (certifications + batchSize - 1) / batchSize;
            var startsAt = yearStart.AddDays(14 + (days - 35) * b / Math.Max(1, batchCount));
            var batch = DeterministicId.From("demo-batch", $"{b}");
            var planAt = At(startsAt.AddDays(-5), now);
            await bus.RecordAsync(new PlanBatch(batch, pksByRegency[regency], Centre, $"Balai Latihan Kerja {regency}", scheme,
                Days.InJakarta(startsAt), Days.InJakarta(startsAt.AddDays(4)), batchSize, Actor, planAt), null, ct);

            for (var seat = 0; seat < batchSize && done < certifications; seat++, done++)
            {
                if (await CertifyAsync(done, regency, scheme, pksByRegency[regency], batch, startsAt, now, random, ct)) issued++;
                if ((done + 1) % 25 == 0) await progress.WriteLineAsync($"seed-demo: {done + 1}/{certifications} certifications ({issued} certificates issued)");
            }
        }
        await progress.WriteLineAsync($"seed-demo: done, {done} certifications, {issued} certificates issued");
        await PartnersAndTrainingAsync(yearStart, now, ct);
        return 0;
    }

    /// <summary>Partners beyond the regencies, one signing in each year of the demo.</summary>
    static readonly (PartnerKind Kind, string? Province, string? Name, string Head)[] OtherPartners =
    [
        (PartnerKind.Province, "33", null, "Gubernur Jawa Tengah"),
        (PartnerKind.StateOwnedFirm, null, "PT Bank Rakyat Indonesia (Persero) Tbk", "Direktur Bisnis Mikro"),
        (PartnerKind.MinistryOrAgency, null, "Kementerian Koperasi dan UKM", "Deputi Bidang Usaha Mikro"),
    ];

    /// <summary>
    /// A province, a state-owned firm and a ministry signing an MoU, one in each year of the demo, and two training
    /// programmes a year (ecoprint and motif design) whose trainees are registered, admitted and most of them completed,
    /// so the partners and training analytics have years to compare too.
    /// </summary>
    async Task PartnersAndTrainingAsync(DateTimeOffset yearStart, DateTimeOffset now, CancellationToken ct)
    {
        for (var y = 0; y < OtherPartners.Length; y++)
        {
            var (kind, province, name, head) = OtherPartners[y];
            var signedAt = At(yearStart.AddYears(y).AddDays(40), now);
            await bus.RecordAsync(new SignMou(DeterministicId.From("demo-partner-mou", $"{y}"), null, Centre, head, CentreHead, Days.InJakarta(signedAt),
                new DateOnly(now.Year + 2, 12, 31), Actor, signedAt) { PartnerKind = kind, PartnerName = name, ProvinceCode = province }, null, ct);
        }
        await progress.WriteLineAsync($"seed-demo: {OtherPartners.Length} more partners signed (a province, a state-owned firm, a ministry)");

        var trainee = 0;
        for (var y = 0; y <= HistoryYears; y++)
        {
            var year = yearStart.Year + y;
            // The regencies' MoUs are signed at the demo's start; the firm's in the middle year, before that year's programmes.
            var mou = y == 1 ? DeterministicId.From("demo-partner-mou", "1") : MouIdFor(Regencies[y % Regencies.Length].Code);
            foreach (var (field, target) in new[] { (TrainingField.Ecoprint, 40), (TrainingField.MotifDesign, 30) })
            {
                var programme = DeterministicId.From("demo-training", $"{year}-{field}");
                var plannedAt = At(new DateTimeOffset(year, 3, 15, 0, 0, 0, TimeSpan.Zero), now);
                await bus.RecordAsync(new PlanTrainingProgramme(programme, Centre, mou, field, year, target, Actor, plannedAt), null, ct);
                for (var i = 0; i < target / 3; i++, trainee++)
                {
                    var admittedAt = At(plannedAt.AddDays(14 + i), now);
                    var regency = Regencies[trainee % Regencies.Length].Code;
                    var artisan = DeterministicId.From("demo-trainee", $"{trainee}");
                    var nik = $"{regency.Replace(".", "")}02{41 + trainee % 28:D2}{1 + trainee % 12:D2}{80 + trainee % 20:D2}{trainee % 10000:D4}";
                    await bus.RecordAsync(new RegisterArtisan(artisan, $"{WomenNames[trainee % WomenNames.Length]} {FamilyNames[trainee % FamilyNames.Length]}",
                        nik, Gender.Female, 1980 + trainee % 20, regency, Businesses[trainee % Businesses.Length], Actor, admittedAt), null, ct);
                    await bus.RecordAsync(new AdmitTrainee(programme, artisan, Actor, admittedAt), null, ct);
                    var completedAt = admittedAt.AddDays(30);
                    if (completedAt <= now && i % 6 != 5) await bus.RecordAsync(new CompleteTraining(programme, artisan, Actor, At(completedAt, now)), null, ct);
                }
            }
        }
        await progress.WriteLineAsync($"seed-demo: {2 * (HistoryYears + 1)} training programmes, {trainee} trainees");
    }

    /// <summary>One artisan from registration to a certificate (or as far as today allows); true when a certificate was issued.</summary>
    async Task<bool> CertifyAsync(int n, string regency, string scheme, Guid pks, Guid batch, DateTimeOffset startsAt, DateTimeOffset now, Random random, CancellationToken ct)
    {
        var woman = random.NextDouble() < 0.75;
        var given = woman ? WomenNames[random.Next(WomenNames.Length)] : MenNames[random.Next(MenNames.Length)];
        var name = $"{given} {FamilyNames[random.Next(FamilyNames.Length)]}";
        var birthYear = random.Next(1965, 2003);
        var nik = $"{regency.Replace(".", "")}01{(woman ? 41 + random.Next(0, 28) : 1 + random.Next(0, 28)):D2}{random.Next(1, 13):D2}{birthYear % 100:D2}{n % 10000:D4}";
        var artisan = DeterministicId.From("demo-artisan", $"{n}");
        var registeredAt = At(startsAt.AddDays(-7), now);
        await bus.RecordAsync(new RegisterArtisan(artisan, name, nik, woman ? Gender.Female : Gender.Male, birthYear, regency,
            Businesses[random.Next(Businesses.Length)], Actor, registeredAt), null, ct);

        var certification = CertificationStreams.IdFor(artisan, scheme);
        await bus.RecordAsync(new EnrollArtisan(artisan, scheme, pks, batch, Actor, At(startsAt.AddDays(-5), now)), null, ct);
        await bus.RecordAsync(new AcceptApplication(certification, Actor, At(startsAt.AddDays(-3), now)), null, ct);

        var assessor = Assessors[random.Next(Assessors.Length)];
        var assessedAt = startsAt.AddDays(3).AddHours(10);
        if (assessedAt > now) return false;
        var competent = random.NextDouble() < 0.82;
        await AssessAndDecideAsync(certification, scheme, assessor, assessedAt, competent, now, ct);
        if (!competent)
        {
            // BK: more training, then a second attempt three weeks later.
            assessedAt = assessedAt.AddDays(21);
            if (assessedAt > now) return false;
            await AssessAndDecideAsync(certification, scheme, assessor, assessedAt, true, now, ct);
        }

        var issuedAt = assessedAt.AddDays(7);
        if (issuedAt > now) return false;
        await bus.RecordAsync(new IssueCertificate(certification, $"BNSP-B {1_000_000 + n:D7}", Lsp, Actor, issuedAt), null, ct);

        var roll = random.NextDouble();
        var frozenAt = issuedAt.AddDays(20 + random.Next(30));
        if (roll < 0.04 && frozenAt <= now)
        {
            await bus.RecordAsync(new FreezeCertificate(certification, "Misuse of the certificate reported by the regency agency; under investigation.",
                Actor, frozenAt), null, ct);
            var reinstatedAt = frozenAt.AddDays(14);
            if (roll < 0.025 && reinstatedAt <= now)
                await bus.RecordAsync(new ReinstateCertificate(certification, "The investigation found no misuse.", Actor, reinstatedAt), null, ct);
        }
        else if (roll > 0.99 && frozenAt <= now)
            await bus.RecordAsync(new RevokeCertificate(certification, "The certificate was lent to another workshop (ethics breach).", Actor, frozenAt), null, ct);
        return true;
    }

    async Task AssessAndDecideAsync(Guid certification, string scheme, string assessor, DateTimeOffset assessedAt, bool competent, DateTimeOffset now, CancellationToken ct)
    {
        var units = Units[scheme].Select((code, i) => new UnitAssessment(code,
            competent || i > 0 ? Competence.Competent : Competence.NotYetCompetent,
            (EvidenceMethod)(i % 3))).ToList();
        await bus.RecordAsync(new RecordAssessment(certification, assessor, $"TUK Sewaktu {Centre}", Days.InJakarta(assessedAt), units, Actor, assessedAt), null, ct);
        var decidedAt = At(assessedAt.AddDays(1), now);
        await bus.RecordAsync(new DecideCertification(certification, competent ? Competence.Competent : Competence.NotYetCompetent,
            Panel.Take(2).ToList(), Actor, decidedAt), null, ct);
    }

    /// <summary>The moment, at nine in the morning, never later than now.</summary>
    static DateTimeOffset At(DateTimeOffset day, DateTimeOffset now)
    {
        var at = new DateTimeOffset(day.Year, day.Month, day.Day, 9, 0, 0, TimeSpan.Zero);
        return at > now ? now : at;
    }

    async Task<bool> EventsExistAsync(Guid streamId, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return await query.Events.FetchStreamStateAsync(streamId, ct) is not null;
    }
}
