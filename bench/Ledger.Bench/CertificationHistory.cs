using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using Ledger.PersonalData;

namespace Ledger.Bench;

/// <summary>
/// Ten years of certification across the official regency list, built as the events the domain records
/// (no command is run, for speed): MoUs and PKSs per regency, batches of 20 artisans, enrollments taking
/// quota and batch seats, applications, assessments (BK, appeals, new attempts), panel decisions,
/// certificates with numbers from each LSP's yearly sequence, freezes, reinstatements, revocations,
/// expiries and renewals, equipment aid, monitoring visits, trainers and erasures. Yields units of work
/// of about 1,000 events over many streams, each stream appended once per unit, with the personal data keys and
/// NIK hashes that registrations store beside their events.
/// </summary>
public sealed class CertificationHistory(PersonalDataProtector personalData, IReadOnlyList<string> regencies, int seed = 42)
{
    public const int FirstYear = 2016, Years = 10, BatchSize = 20, BatchesPerUnit = 5;
    static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    static readonly string[] Schemes = ["PEMBATIK-TULIS", "PEMBATIK-CAP", "PEWARNA-BATIK", "PERANCANG-MOTIF"];
    static readonly string[] Units = ["C.13BTK01.001.2", "C.13BTK01.002.2", "C.13BTK01.003.2"];
    static readonly string[] Lsps = ["LSPBATIK", "LSPKRIYA", "LSPTEKSTIL"];
    static readonly string[] Given = ["Siti", "Sri", "Endang", "Nur", "Dewi", "Rina", "Ani", "Budi", "Agus", "Wati", "Yuli", "Tri", "Eko", "Dwi", "Ratna", "Lestari"];
    static readonly string[] Family = ["Rahayu", "Wahyuni", "Lestari", "Aini", "Sartika", "Santoso", "Salim", "Susanti", "Hidayat", "Kusuma", "Pratiwi", "Handayani"];

    readonly Random random = new(seed);
    readonly Dictionary<(string Lsp, int Year), int> serials = [];
    int artisans;

    public sealed record Agreement(string Regency, Guid MouId, Guid PksId, int Quota);

    /// <summary>Events for one stream: a new stream of <paramref name="StartsAs"/>'s type, or (null) appended to a stream that may exist.</summary>
    public sealed record StreamAppend(Guid StreamId, Type? StartsAs, IReadOnlyList<object> Events);

    /// <summary>A registered artisan's key (none once erased) and NIK hash, stored in the registration's transaction.</summary>
    public sealed record Subject(Guid ArtisanId, byte[]? Key, string NikHash);

    public sealed record UnitOfWork(IReadOnlyList<StreamAppend> Appends, int Events, IReadOnlyList<Subject> Subjects);

    /// <summary>Plans enough batches for about <paramref name="events"/> events, Java's regencies sending more.</summary>
    public (IReadOnlyList<Agreement> Agreements, IReadOnlyList<(int Year, string Regency)> Batches) Plan(long events)
    {
        const double eventsPerBatch = 215; // a little under the mean (about 226), so the history reaches the count asked for
        var batches = new List<(int Year, string Regency)>();
        var weighted = regencies.SelectMany(r => Enumerable.Repeat(r, IsJava(r) ? 4 : 1)).ToArray();
        var perYear = (int)Math.Ceiling(events / eventsPerBatch / Years);
        for (var y = 0; y < Years; y++)
            for (var i = 0; i < perYear; i++)
                batches.Add((FirstYear + y, weighted[random.Next(weighted.Length)]));
        var agreements = batches.GroupBy(b => b.Regency).Select(g =>
            new Agreement(g.Key, Guid.NewGuid(), Guid.NewGuid(), g.GroupBy(b => b.Year).Max(y => y.Count()) * BatchSize)).ToList();
        return (agreements, batches.OrderBy(b => b.Year).ThenBy(_ => random.Next()).ToList());
    }

    static bool IsJava(string regency) => regency[..2] is "31" or "32" or "33" or "34" or "35" or "36";

    /// <summary>The MoU and PKS of every regency taking part, signed in the first year.</summary>
    public UnitOfWork Agreements(IReadOnlyList<Agreement> agreements)
    {
        var appends = new List<StreamAppend>();
        var signed = new DateOnly(FirstYear, 1, 15);
        foreach (var a in agreements)
        {
            var at = At(signed);
            appends.Add(new StreamAppend(a.MouId, typeof(Mou),
                [new MouSigned(a.MouId, a.Regency, "BBSPJIKB Yogyakarta", "Bupati", "Kepala BBSPJIKB", signed, new DateOnly(2030, 12, 31), at)]));
            var pks = new List<object>
            {
                new PksSigned(a.PksId, a.MouId, a.Regency, "Dinas Koperasi UKM dan Perdagangan", "Kepala Dinas", "Kepala BBSPJIKB",
                    signed.AddDays(14), new DateOnly(2030, 12, 31), Schemes, a.Quota, "kompor listrik", at.AddDays(14)),
            };
            if (random.Next(10) == 0)
                pks.Add(new PksAmended(a.PksId, $"AMD-{a.Regency}-01", null, a.Quota + BatchSize, null, null, null, at.AddDays(200)));
            appends.Add(new StreamAppend(a.PksId, typeof(Pks), pks));
        }
        return new UnitOfWork(appends, appends.Sum(x => x.Events.Count), []);
    }

    /// <summary>The batches, <see cref="BatchesPerUnit"/> of distinct regencies per unit of work.</summary>
    public IEnumerable<UnitOfWork> Batches(IReadOnlyList<Agreement> agreements, IReadOnlyList<(int Year, string Regency)> batches)
    {
        var pksOf = agreements.ToDictionary(a => a.Regency);
        var unit = new List<(int Year, string Regency)>();
        foreach (var b in batches)
        {
            if (unit.Count == BatchesPerUnit || unit.Any(u => u.Regency == b.Regency || u.Year != b.Year))
            {
                yield return Build(unit, pksOf);
                unit.Clear();
            }
            unit.Add(b);
        }
        if (unit.Count > 0) yield return Build(unit, pksOf);
    }

    UnitOfWork Build(List<(int Year, string Regency)> unit, Dictionary<string, Agreement> pksOf)
    {
        var appends = new List<StreamAppend>();
        var numbering = new Dictionary<Guid, List<object>>();
        var subjects = new List<Subject>();
        foreach (var (year, regency) in unit)
        {
            var agreement = pksOf[regency];
            var batchId = Guid.NewGuid();
            var scheme = Schemes[random.Next(Schemes.Length)];
            var starts = Monday(new DateOnly(year, 1, 1).AddDays(20 + random.Next(300)));
            var site = $"TUK Sewaktu {regency}";
            var assessor = Name();
            var batch = new List<object>
            {
                new BatchPlanned(batchId, agreement.PksId, "BBSPJIKB Yogyakarta", $"Balai Desa {regency}", scheme, starts, starts.AddDays(4), BatchSize, null, At(starts.AddDays(-30))),
            };
            var seats = new List<object>();
            for (var i = 0; i < BatchSize; i++)
            {
                var (artisan, certification) = Artisan(agreement, batchId, scheme, regency, year, starts, site, assessor, numbering, subjects);
                var certificationId = ((ArtisanEnrolled)certification[0]).CertificationId;
                var artisanId = ((ArtisanRegistered)artisan[0]).ArtisanId;
                var enrolledAt = At(starts.AddDays(-14));
                seats.Add(new PksQuotaSeatTaken(agreement.PksId, year, certificationId, artisanId, null, enrolledAt));
                batch.Add(new BatchParticipantAdmitted(batchId, certificationId, artisanId, null, enrolledAt));
                appends.Add(new StreamAppend(artisanId, typeof(Ledger.Artisans.Artisan), artisan));
                appends.Add(new StreamAppend(certificationId, typeof(Certification), certification));
            }
            batch.Add(new BatchCompleted(batchId, BatchSize, null, At(starts.AddDays(4))));
            appends.Add(new StreamAppend(batchId, typeof(Batch), batch));
            appends.Add(new StreamAppend(agreement.PksId, null, seats));
        }
        foreach (var (id, events) in numbering)
            appends.Add(new StreamAppend(id, null, events));
        return new UnitOfWork(appends, appends.Sum(a => a.Events.Count), subjects);
    }

    (List<object> Artisan, List<object> Certification) Artisan(Agreement agreement, Guid batchId, string scheme, string regency, int year,
        DateOnly starts, string site, string assessor, Dictionary<Guid, List<object>> numbering, List<Subject> subjects)
    {
        var artisanId = Guid.NewGuid();
        var n = ++artisans;
        var birth = new DateOnly(1965 + random.Next(40), 1 + random.Next(12), 1 + random.Next(28));
        var nik = $"{regency.Replace(".", "", StringComparison.Ordinal)}{n / 10_000 % 100:D2}{birth.Day + 40:D2}{birth.Month:D2}{birth.Year % 100:D2}{n % 10_000:D4}";
        var registeredAt = At(starts.AddDays(-20));
        var key = PersonalDataProtector.NewKey();
        var nikHash = personalData.HashNik(nik);
        var artisan = new List<object>
        {
            new ArtisanRegistered(artisanId, nikHash, PersonalDataProtector.Seal(artisanId, key, nik),
                PersonalDataProtector.Seal(artisanId, key, Name()), Gender.Female, birth.Year, regency, $"IKM Batik {Family[random.Next(Family.Length)]}", null, registeredAt),
        };
        subjects.Add(new Subject(artisanId, key, nikHash));
        var certificationId = CertificationStreams.IdFor(artisanId, scheme);
        var c = new List<object>
        {
            new ArtisanEnrolled(certificationId, artisanId, scheme, regency, agreement.PksId, batchId, year, null, At(starts.AddDays(-14))),
            new ApplicationAccepted(certificationId, null, At(starts.AddDays(-10))),
        };
        var attempt = 0;
        var day = starts.AddDays(3);
        Competence decision;
        while (true)
        {
            attempt++;
            var k = random.Next(100) < 85 ? Competence.Competent : Competence.NotYetCompetent;
            c.Add(Assessment(certificationId, attempt, assessor, site, day, k));
            if (random.Next(100) < 4)
            {
                c.Add(new AppealFiled(certificationId, attempt, "The observation was cut short", null, At(day.AddDays(1))));
                var upheld = random.Next(100) < 40;
                c.Add(new AppealDecided(certificationId, attempt, upheld ? AppealOutcome.Upheld : AppealOutcome.Dismissed, "Panel review", null, At(day.AddDays(7))));
                if (upheld) { day = day.AddDays(14); continue; }
            }
            decision = k;
            c.Add(new CertificationDecided(certificationId, attempt, k, ["Rina Wati", "Agus Salim"], null, At(day.AddDays(1))));
            if (k == Competence.Competent || attempt >= 2 || random.Next(100) < 40) break;
            day = day.AddDays(30);
        }
        if (decision != Competence.Competent) return (artisan, c);

        var validFrom = day.AddDays(10);
        var lsp = Lsps[int.Parse(regency[..2], System.Globalization.CultureInfo.InvariantCulture) % Lsps.Length];
        var serial = serials[(lsp, validFrom.Year)] = serials.GetValueOrDefault((lsp, validFrom.Year)) + 1;
        var number = new CertificateNumber(lsp, validFrom.Year, serial).ToString();
        var numberingId = CertificateNumbering.StreamIdFor(lsp, validFrom.Year);
        if (!numbering.TryGetValue(numberingId, out var assigned)) numbering[numberingId] = assigned = [];
        assigned.Add(new CertificateNumberAssigned(numberingId, lsp, validFrom.Year, serial, number, certificationId, null, At(validFrom)));
        var validUntil = validFrom.AddYears(3).AddDays(-1);
        c.Add(new CertificateIssued(certificationId, number, $"BLK-{n:D8}", scheme, Units, lsp, validFrom, validUntil, At(validFrom)));

        var status = "valid";
        var roll = random.Next(1000);
        if (roll < 20)
        {
            c.Add(new CertificateFrozen(certificationId, number, "Misuse under investigation", null, At(validFrom.AddDays(200))));
            status = "frozen";
            if (roll < 10) { c.Add(new CertificateReinstated(certificationId, number, "Investigation closed", null, At(validFrom.AddDays(260)))); status = "valid"; }
        }
        if (roll is >= 20 and < 30)
        {
            c.Add(new CertificateRevoked(certificationId, number, "Final conviction for fraud", "registrar:lsp", null, At(validFrom.AddDays(400))));
            status = "revoked";
        }
        if (status == "valid" && validUntil < new DateOnly(FirstYear + Years, 1, 1))
        {
            if (random.Next(2) == 0)
            {
                var renewal = validUntil.AddDays(-60);
                attempt++;
                c.Add(Assessment(certificationId, attempt, assessor, site, renewal, Competence.Competent));
                c.Add(new CertificationDecided(certificationId, attempt, Competence.Competent, ["Rina Wati", "Agus Salim"], null, At(renewal.AddDays(1))));
                c.Add(new CertificateRenewed(certificationId, number, $"BLK-{n:D8}R", attempt, renewal.AddDays(10), renewal.AddDays(10).AddYears(3).AddDays(-1), At(renewal.AddDays(10))));
            }
            else c.Add(new CertificateExpired(certificationId, number, validUntil, At(validUntil.AddDays(1))));
        }

        if (random.Next(2) == 0) artisan.Add(new EquipmentAidReceived(artisanId, "kompor listrik", 1, agreement.PksId, null, At(validFrom.AddDays(30))));
        if (random.Next(10) < 3) artisan.Add(new MonevVisitRecorded(artisanId, validFrom.AddDays(180), "Petugas Dinas", "Producing regularly", At(validFrom.AddDays(180))));
        if (status == "valid" && random.Next(50) == 0) artisan.Add(new ArtisanQualifiedAsTrainer(artisanId, scheme, number, null, At(validFrom.AddDays(365))));
        if (random.Next(200) == 0)
        {
            artisan.Add(new PersonalDataErased(artisanId, "Request under UU 27/2022", null, At(validFrom.AddDays(500))));
            subjects[^1] = subjects[^1] with { Key = null }; // the erasure destroyed the key
        }
        return (artisan, c);
    }

    AssessmentRecorded Assessment(Guid certificationId, int attempt, string assessor, string site, DateOnly day, Competence k) =>
        new(certificationId, attempt, assessor, site, day,
            Units.Select((u, i) => new UnitAssessment(u, k == Competence.Competent || i > 0 ? Competence.Competent : Competence.NotYetCompetent,
                (EvidenceMethod)(i % 3))).ToList(), k, At(day));

    string Name() => $"{Given[random.Next(Given.Length)]} {Family[random.Next(Family.Length)]}";

    static DateOnly Monday(DateOnly d) => d.AddDays(((int)DayOfWeek.Monday - (int)d.DayOfWeek + 7) % 7);

    static DateTimeOffset At(DateOnly d) => new(d.ToDateTime(new TimeOnly(9, 0)), Wib);
}
