using Ledger.Artisans;
using Ledger.Batches;
using JasperFx.Events;
using Ledger.Certifications;
using Ledger.Projections.ReadModels;
using Marten;

namespace Ledger.Projections.ArtisanProfiles;

/// <summary>
/// An artisan's certifications, training batches, equipment aid, monitoring visits and the batches they trained. No personal field is
/// kept: the artisan id, regency and business name only (the name is sealed in the events and revealed, if
/// at all, at read time). Aid and visits are keyed by the event's sequence, so a replay cannot double them.
/// </summary>
public sealed class ArtisanProfilesProjection(ReadModelTarget target) : ReadModelProjection(target)
{
    public const string Profiles = "artisan_profiles";
    public const string Certifications = "artisan_profile_certifications";
    public const string Batches = "artisan_profile_batches";
    public const string Aid = "artisan_profile_aid";
    public const string Visits = "artisan_profile_visits";
    public const string Trainings = "artisan_profile_trainings";

    public override string ReadModel => "artisan_profiles";

    public override IReadOnlyList<Type> EventTypes { get; } =
    [
        typeof(ArtisanRegistered), typeof(ArtisanDetailsCorrected), typeof(ArtisanQualifiedAsTrainer), typeof(PersonalDataErased),
        typeof(EquipmentAidReceived), typeof(MonevVisitRecorded), typeof(BatchPlanned), typeof(BatchCompleted), typeof(ArtisanEnrolled),
        typeof(CertificateIssued), typeof(CertificateRenewed), typeof(CertificateFrozen), typeof(CertificateReinstated),
        typeof(CertificateRevoked), typeof(CertificateExpired), typeof(BatchTrainerNamed),
    ];

    public override IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Profiles, t =>
        {
            t.AddColumn("artisan_id", "uuid").AsPrimaryKey();
            t.AddColumn("regency_code", "text").NotNull();
            t.AddColumn("business_name", "text").NotNull();
            t.AddColumn("registered_at", "timestamp with time zone").NotNull();
            t.AddColumn("trainer_schemes", "text[]").NotNull().DefaultValueByExpression("array[]::text[]");
            t.AddColumn("erased", "boolean").NotNull().DefaultValueByExpression("false");
            t.AddColumn("registered_on", "date").AllowNulls();
        }, ("by_regency", ["regency_code"])),
        new(Certifications, t =>
        {
            t.AddColumn("certification_id", "uuid").AsPrimaryKey();
            t.AddColumn("artisan_id", "uuid").NotNull();
            t.AddColumn("scheme_code", "text").NotNull();
            t.AddColumn("batch_id", "uuid").AllowNulls();
            t.AddColumn("enrolled_at", "timestamp with time zone").NotNull();
            t.AddColumn("status", "text").NotNull();
            t.AddColumn("certificate_number", "text").AllowNulls();
            t.AddColumn("valid_until", "date").AllowNulls();
            t.AddColumn("enrolled_on", "date").AllowNulls();
        }, ("by_artisan", ["artisan_id"])),
        new(Batches, t =>
        {
            t.AddColumn("batch_id", "uuid").AsPrimaryKey();
            t.AddColumn("centre_name", "text").NotNull();
            t.AddColumn("venue", "text").NotNull();
            t.AddColumn("scheme_code", "text").NotNull();
            t.AddColumn("starts_on", "date").NotNull();
            t.AddColumn("ends_on", "date").NotNull();
            t.AddColumn("completed", "boolean").NotNull().DefaultValueByExpression("false");
        }),
        new(Aid, t =>
        {
            t.AddColumn("seq", "bigint").AsPrimaryKey();
            t.AddColumn("artisan_id", "uuid").NotNull();
            t.AddColumn("item", "text").NotNull();
            t.AddColumn("quantity", "integer").NotNull();
            t.AddColumn("pks_id", "uuid").AllowNulls();
            t.AddColumn("received_at", "timestamp with time zone").NotNull();
            t.AddColumn("received_on", "date").AllowNulls();
        }, ("by_artisan", ["artisan_id"])),
        new(Visits, t =>
        {
            t.AddColumn("seq", "bigint").AsPrimaryKey();
            t.AddColumn("artisan_id", "uuid").NotNull();
            t.AddColumn("visited_on", "date").NotNull();
            t.AddColumn("officer", "text").NotNull();
            t.AddColumn("findings", "text").NotNull();
        }, ("by_artisan", ["artisan_id"])),
        // The batches a trainer (narasumber) was named to, for the trainers directory.
        new(Trainings, t =>
        {
            t.AddColumn("batch_id", "uuid").AsPrimaryKey();
            t.AddColumn("artisan_id", "uuid").AsPrimaryKey();
            t.AddColumn("scheme_code", "text").NotNull();
            t.AddColumn("named_on", "date").NotNull();
        }, ("by_artisan", ["artisan_id"])),
    ];

    public override async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> batch, CancellationToken ct)
    {
        var profiles = Table(Profiles);
        var certifications = Table(Certifications);
        var batches = Table(Batches);

        var profileIds = Keys(batch, d => d switch
        {
            ArtisanRegistered x => x.ArtisanId,
            ArtisanDetailsCorrected x => x.ArtisanId,
            ArtisanQualifiedAsTrainer x => x.ArtisanId,
            PersonalDataErased x => x.ArtisanId,
            _ => null,
        });
        var certificationIds = Keys(batch, d => d switch
        {
            ArtisanEnrolled x => x.CertificationId,
            CertificateIssued x => x.CertificationId,
            CertificateRenewed x => x.CertificationId,
            CertificateFrozen x => x.CertificationId,
            CertificateReinstated x => x.CertificationId,
            CertificateRevoked x => x.CertificationId,
            CertificateExpired x => x.CertificationId,
            _ => null,
        });
        var batchIds = Keys(batch, d => d switch { BatchPlanned x => x.BatchId, BatchCompleted x => x.BatchId, _ => null });

        var knownProfiles = await LookupAsync(
            $"""
            select artisan_id, regency_code, business_name, registered_at, trainer_schemes, erased,
                   coalesce(registered_on, (registered_at at time zone 'Asia/Jakarta')::date)
            from {profiles} where artisan_id = any($1)
            """,
            r => (r.GetGuid(0), new Profile(r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateOnly>(6),
                [.. r.GetFieldValue<string[]>(4)], r.GetBoolean(5))),
            ct, profileIds).ConfigureAwait(false);
        var knownCertifications = await LookupAsync($"""
            select certification_id, artisan_id, scheme_code, batch_id, enrolled_at, status, certificate_number, valid_until,
                   coalesce(enrolled_on, (enrolled_at at time zone 'Asia/Jakarta')::date)
            from {certifications} where certification_id = any($1)
            """,
            r => (r.GetGuid(0), new Certification(r.GetGuid(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetGuid(3), r.GetFieldValue<DateTimeOffset>(4),
                r.GetFieldValue<DateOnly>(8), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7))),
            ct, certificationIds).ConfigureAwait(false);
        var knownBatches = await LookupAsync(
            $"select batch_id, centre_name, venue, scheme_code, starts_on, ends_on, completed from {batches} where batch_id = any($1)",
            r => (r.GetGuid(0), new TrainingBatch(r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateOnly>(5), r.GetBoolean(6))),
            ct, batchIds).ConfigureAwait(false);

        var touchedProfiles = new HashSet<Guid>();
        var touchedCertifications = new HashSet<Guid>();
        var touchedBatches = new HashSet<Guid>();
        var aid = new List<(long Seq, EquipmentAidReceived Aid)>();
        var visits = new List<(long Seq, MonevVisitRecorded Visit)>();
        var trainings = new List<BatchTrainerNamed>();
        void Status(Guid id, string status, Func<Certification, Certification>? more = null)
        {
            if (!knownCertifications.TryGetValue(id, out var c)) return;
            knownCertifications[id] = (more?.Invoke(c) ?? c) with { Status = status };
            touchedCertifications.Add(id);
        }

        Fold(batch, e =>
        {
            switch (e.Data)
            {
                case ArtisanRegistered x when !knownProfiles.ContainsKey(x.ArtisanId):
                    knownProfiles[x.ArtisanId] = new Profile(x.RegencyCode, x.BusinessName, x.RegisteredAt, x.EffectiveOn, [], false);
                    touchedProfiles.Add(x.ArtisanId);
                    break;
                case ArtisanDetailsCorrected x when (x.RegencyCode is not null || x.BusinessName is not null)
                                                   && knownProfiles.TryGetValue(x.ArtisanId, out var p):
                    knownProfiles[x.ArtisanId] = p with { RegencyCode = x.RegencyCode ?? p.RegencyCode, BusinessName = x.BusinessName ?? p.BusinessName };
                    touchedProfiles.Add(x.ArtisanId);
                    break;
                case ArtisanQualifiedAsTrainer x when knownProfiles.TryGetValue(x.ArtisanId, out var p) && !p.TrainerSchemes.Contains(x.SchemeCode):
                    knownProfiles[x.ArtisanId] = p with { TrainerSchemes = [.. p.TrainerSchemes, x.SchemeCode] };
                    touchedProfiles.Add(x.ArtisanId);
                    break;
                case PersonalDataErased x when knownProfiles.TryGetValue(x.ArtisanId, out var p):
                    knownProfiles[x.ArtisanId] = p with { Erased = true };
                    touchedProfiles.Add(x.ArtisanId);
                    break;
                case EquipmentAidReceived x: aid.Add((e.Sequence, x)); break;
                case MonevVisitRecorded x: visits.Add((e.Sequence, x)); break;
                case BatchTrainerNamed x: trainings.Add(x); break;
                case BatchPlanned x when !knownBatches.ContainsKey(x.BatchId):
                    knownBatches[x.BatchId] = new TrainingBatch(x.CentreName, x.Venue, x.SchemeCode, x.StartsOn, x.EndsOn, false);
                    touchedBatches.Add(x.BatchId);
                    break;
                case BatchCompleted x when knownBatches.TryGetValue(x.BatchId, out var b):
                    knownBatches[x.BatchId] = b with { Completed = true };
                    touchedBatches.Add(x.BatchId);
                    break;
                case ArtisanEnrolled x when !knownCertifications.ContainsKey(x.CertificationId):
                    knownCertifications[x.CertificationId] = new Certification(x.ArtisanId, x.SchemeCode, x.BatchId, x.EnrolledAt, x.EffectiveOn, "not-issued", null, null);
                    touchedCertifications.Add(x.CertificationId);
                    break;
                case CertificateIssued x:
                    Status(x.CertificationId, "valid", c => c with { CertificateNumber = x.CertificateNumber, ValidUntil = x.ValidUntil });
                    break;
                case CertificateRenewed x: Status(x.CertificationId, "valid", c => c with { ValidUntil = x.ValidUntil }); break;
                case CertificateFrozen x: Status(x.CertificationId, "frozen"); break;
                case CertificateReinstated x: Status(x.CertificationId, "valid"); break;
                case CertificateRevoked x: Status(x.CertificationId, "revoked"); break;
                case CertificateExpired x: Status(x.CertificationId, "expired"); break;
            }
        });

        if (touchedProfiles.Count > 0)
        {
            var rows = touchedProfiles.Select(id => (Id: id, P: knownProfiles[id])).ToList();
            // A text[] per row cannot ride in unnest's arrays: each travels as an array literal and is cast back.
            Queue(operations, $"""
                insert into {profiles} (artisan_id, regency_code, business_name, registered_at, trainer_schemes, erased, registered_on)
                select id, regency, business, registered, schemes::text[], erased, registered_on
                from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::bool[], ?::date[])
                    u (id, regency, business, registered, schemes, erased, registered_on)
                on conflict (artisan_id) do update set regency_code = excluded.regency_code, business_name = excluded.business_name,
                    trainer_schemes = excluded.trainer_schemes, erased = excluded.erased
                """, rows.Select(r => r.Id).ToArray(), rows.Select(r => r.P.RegencyCode).ToArray(), rows.Select(r => r.P.BusinessName).ToArray(),
                rows.Select(r => r.P.RegisteredAt).ToArray(), rows.Select(r => ArrayLiteral(r.P.TrainerSchemes)).ToArray(),
                rows.Select(r => r.P.Erased).ToArray(), rows.Select(r => r.P.RegisteredOn).ToArray());
        }
        if (touchedBatches.Count > 0)
        {
            var rows = touchedBatches.Select(id => (Id: id, B: knownBatches[id])).ToList();
            Queue(operations, $"""
                insert into {batches} (batch_id, centre_name, venue, scheme_code, starts_on, ends_on, completed)
                select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::bool[])
                on conflict (batch_id) do update set completed = excluded.completed
                """, rows.Select(r => r.Id).ToArray(), rows.Select(r => r.B.CentreName).ToArray(), rows.Select(r => r.B.Venue).ToArray(),
                rows.Select(r => r.B.SchemeCode).ToArray(), rows.Select(r => r.B.StartsOn).ToArray(), rows.Select(r => r.B.EndsOn).ToArray(),
                rows.Select(r => r.B.Completed).ToArray());
        }
        if (touchedCertifications.Count > 0)
        {
            var rows = touchedCertifications.Select(id => (Id: id, C: knownCertifications[id])).ToList();
            Queue(operations, $"""
                insert into {certifications} (certification_id, artisan_id, scheme_code, batch_id, enrolled_at, status, certificate_number, valid_until, enrolled_on)
                select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::date[], ?::date[])
                on conflict (certification_id) do update set status = excluded.status,
                    certificate_number = excluded.certificate_number, valid_until = excluded.valid_until
                """, rows.Select(r => r.Id).ToArray(), rows.Select(r => r.C.ArtisanId).ToArray(), rows.Select(r => r.C.SchemeCode).ToArray(),
                rows.Select(r => r.C.BatchId).ToArray(), rows.Select(r => r.C.EnrolledAt).ToArray(), rows.Select(r => r.C.Status).ToArray(),
                rows.Select(r => r.C.CertificateNumber).ToArray(), rows.Select(r => r.C.ValidUntil).ToArray(), rows.Select(r => r.C.EnrolledOn).ToArray());
        }
        if (aid.Count > 0)
            Queue(operations, $"""
                insert into {Table(Aid)} (seq, artisan_id, item, quantity, pks_id, received_at, received_on)
                select * from unnest(?::bigint[], ?::uuid[], ?::text[], ?::int[], ?::uuid[], ?::timestamptz[], ?::date[])
                on conflict do nothing
                """, aid.Select(a => a.Seq).ToArray(), aid.Select(a => a.Aid.ArtisanId).ToArray(), aid.Select(a => a.Aid.Item).ToArray(),
                aid.Select(a => a.Aid.Quantity).ToArray(), aid.Select(a => a.Aid.PksId).ToArray(), aid.Select(a => a.Aid.ReceivedAt).ToArray(),
                aid.Select(a => a.Aid.EffectiveOn).ToArray());
        if (visits.Count > 0)
            Queue(operations, $"""
                insert into {Table(Visits)} (seq, artisan_id, visited_on, officer, findings)
                select * from unnest(?::bigint[], ?::uuid[], ?::date[], ?::text[], ?::text[])
                on conflict do nothing
                """, visits.Select(v => v.Seq).ToArray(), visits.Select(v => v.Visit.ArtisanId).ToArray(),
                visits.Select(v => v.Visit.VisitedOn).ToArray(), visits.Select(v => v.Visit.Officer).ToArray(),
                visits.Select(v => v.Visit.Findings).ToArray());
        if (trainings.Count > 0)
            Queue(operations, $"""
                insert into {Table(Trainings)} (batch_id, artisan_id, scheme_code, named_on)
                select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::date[])
                on conflict do nothing
                """, trainings.Select(t => t.BatchId).ToArray(), trainings.Select(t => t.ArtisanId).ToArray(),
                trainings.Select(t => t.SchemeCode).ToArray(), trainings.Select(t => t.NamedOn).ToArray());
    }

    static Guid[] Keys(IReadOnlyList<IEvent> batch, Func<object, Guid?> key) =>
        batch.Select(e => key(e.Data)).OfType<Guid>().Distinct().ToArray();

    /// <summary>A PostgreSQL array literal of <paramref name="items"/>, every element quoted.</summary>
    static string ArrayLiteral(IEnumerable<string> items) =>
        "{" + string.Join(",", items.Select(i => "\"" + i.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "}";

    sealed record Profile(string RegencyCode, string BusinessName, DateTimeOffset RegisteredAt, DateOnly RegisteredOn, IReadOnlyList<string> TrainerSchemes,
        bool Erased);

    sealed record Certification(Guid ArtisanId, string SchemeCode, Guid? BatchId, DateTimeOffset EnrolledAt, DateOnly EnrolledOn, string Status,
        string? CertificateNumber, DateOnly? ValidUntil);

    sealed record TrainingBatch(string CentreName, string Venue, string SchemeCode, DateOnly StartsOn, DateOnly EndsOn, bool Completed);
}
