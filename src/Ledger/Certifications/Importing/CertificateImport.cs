using System.Globalization;
using JasperFx.Events;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Commands;
using Ledger.Domain;
using Ledger.Marten;
using Ledger.PersonalData;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine.Marten;

namespace Ledger.Certifications;

/// <summary>
/// Imports a paper register through the ledger's write path, a chunk of rows per Marten session: each row decided in
/// memory by the commands' own <c>Decide</c> functions (<see cref="ImportCertification"/>), then every recorded row's
/// streams appended and committed together, in one transaction with the hash chain, the inline views, the personal data
/// keys and the certificates' scheduled expiries (Wolverine's Marten outbox), as the commands commit theirs.
/// <list type="bullet">
/// <item>Idempotent: an artisan's id follows from the keyed hash of their NIK (or is the one their registration holds),
/// the certification's from the artisan and the scheme, so a row imported again finds its certification and records nothing.</item>
/// <item>Quota seats and certificate numbers are appended at the version of the PKS and numbering streams the rows were
/// decided on; a writer that changed one meanwhile makes the commit fail, and the whole chunk is decided again on
/// fresh state, a bounded number of times, never a lost update.</item>
/// </list>
/// </summary>
public sealed class CertificateImport(IServiceScopeFactory scopes, PersonalDataProtector personalData, LedgerDatabase database)
{
    /// <summary>The rows decided and committed together.</summary>
    public int ChunkSize { get; init; } = 250;

    /// <summary>How many times a chunk that lost a race is decided again.</summary>
    public CommandRetries Retries { get; init; } = new(8, 20);

    /// <summary>The refusal of a row whose chunk lost every race it was decided again for.</summary>
    public const string KeptConflicting =
        "Other writers kept changing the records this row needs (its regency's PKS, its LSP's numbering) while it was imported; nothing of it was recorded: import the file again.";

    /// <summary>Imports <paramref name="register"/>; <paramref name="progress"/> hears the rows done so far after each chunk.</summary>
    public async Task<ImportReport> ImportAsync(PaperRegister register, ImportSource source, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var lines = new List<ImportedLine>(register.Rows.Count);
        var streams = new KnownStreams();
        var agreements = await AgreementsForRegencyAsync(ct).ConfigureAwait(false);
        foreach (var chunk in register.Rows.Chunk(Math.Max(1, ChunkSize)))
        {
            lines.AddRange(await ImportChunkAsync(chunk, agreements, streams, source, ct).ConfigureAwait(false));
            progress?.Report(lines.Count);
        }
        return new ImportReport(lines);
    }

    async Task<IReadOnlyList<ImportedLine>> ImportChunkAsync(PaperRegisterRow[] rows, Func<string, IReadOnlyList<Guid>> agreements, KnownStreams streams,
        ImportSource source, CancellationToken ct)
    {
        var delays = Retries.Delays();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
                var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
                session.LastModifiedBy = source.Actor;
                if (source.CorrelationId is { } correlation) session.CorrelationId = correlation;
                session.SetHeader(LedgerStore.ImportHeader, source.Name);
                var chunk = new Chunk(session, streams.Copy());
                var lines = await DecideAsync(chunk, rows, agreements, source, ct).ConfigureAwait(false);
                foreach (var expiry in chunk.Expiries) await expiry.ScheduleAsync(outbox).ConfigureAwait(false);
                await session.SaveChangesAsync(ct).ConfigureAwait(false);
                streams.Adopt(chunk.Streams);
                return lines;
            }
            catch (Exception e) when (IsLostRace(e))
            {
                // What the chunk read is stale: the next attempt reads every stream again.
                streams.Clear();
                if (attempt >= delays.Length - 1)
                    return [.. rows.Select(r => new ImportedLine(r.Line, ImportOutcome.Refused, null, null, KeptConflicting))];
                await Task.Delay(delays[attempt] * (0.5 + Random.Shared.NextDouble() / 2), ct).ConfigureAwait(false);
            }
        }
    }

    static bool IsLostRace(Exception e) => StreamConflicts.IsConflict(e) || NikConflicts.IsDuplicateNik(e);

    /// <summary>Decides every row of a chunk in memory, in order, each on the state the rows before it left; queues what the recorded rows append.</summary>
    async Task<IReadOnlyList<ImportedLine>> DecideAsync(Chunk chunk, PaperRegisterRow[] rows, Func<string, IReadOnlyList<Guid>> agreements, ImportSource source, CancellationToken ct)
    {
        var hashes = rows.Where(r => r.Problem is null).Select(r => personalData.HashNik(r.Nik)).Distinct().ToArray();
        var registered = await RegisteredArtisansAsync(hashes, ct).ConfigureAwait(false);
        Guid ArtisanOf(PaperRegisterRow row)
        {
            var hash = personalData.HashNik(row.Nik);
            return registered.TryGetValue(hash, out var id) ? id : DeterministicId.From("artisan", hash);
        }

        var readable = rows.Where(r => r.Problem is null).ToArray();
        var artisanIds = readable.Select(ArtisanOf).ToArray();
        var certificationIds = readable.Select((r, i) => CertificationStreams.IdFor(artisanIds[i], r.Scheme)).ToArray();
        var pksIds = readable.SelectMany(r => agreements(r.Regency.Trim())).Distinct().ToArray();
        var numberingIds = readable.Select(ImportCertification.NumberingIdOf).Distinct().ToArray();
        await chunk.ReadAsync(artisanIds, certificationIds, pksIds, numberingIds, ct).ConfigureAwait(false);

        var lines = new List<ImportedLine>(rows.Length);
        foreach (var row in rows)
        {
            var artisanId = row.Problem is null ? ArtisanOf(row) : Guid.Empty;
            var certificationId = CertificationStreams.IdFor(artisanId, row.Scheme);
            var certification = chunk.Streams.CertificationOf(certificationId);
            if (row.Problem is null && ImportCertification.IsPresent(certification, row))
            {
                lines.Add(new(row.Line, ImportOutcome.AlreadyPresent, certificationId, certification.Certificate!.Number, null));
                continue;
            }
            var artisan = chunk.Streams.ArtisanOf(artisanId);
            var key = artisan.Registered ? null : PersonalDataProtector.NewKey();
            try
            {
                var identity = key is null
                    ? new SealedIdentity("", "", "")
                    : new SealedIdentity(personalData.HashNik(row.Nik), PersonalDataProtector.Seal(artisanId, key, row.Nik.Trim()),
                        PersonalDataProtector.Seal(artisanId, key, row.Name.Trim()));
                var given = new ImportCertification.Given(artisanId, artisan, certification,
                    [.. agreements(row.Regency.Trim()).Select(chunk.Streams.PksOf)], chunk.Streams.NumberingOf(ImportCertification.NumberingIdOf(row)));
                var decided = ImportCertification.Decide(row, given, identity, source.Actor, source.At);
                chunk.Record(row, decided, key is null ? null : (key, identity.NikHash));
                lines.Add(new(row.Line, ImportOutcome.Recorded, decided.CertificationId, decided.Certificate.Number, null));
            }
            catch (DomainException e)
            {
                lines.Add(new(row.Line, ImportOutcome.Refused, row.Problem is null ? certificationId : null, null, e.Message));
            }
        }
        chunk.Append();
        return lines;
    }

    /// <summary>The artisans already registered under the given keyed NIK hashes, by hash.</summary>
    async Task<Dictionary<string, Guid>> RegisteredArtisansAsync(string[] hashes, CancellationToken ct)
    {
        var found = new Dictionary<string, Guid>(StringComparer.Ordinal);
        if (hashes.Length == 0) return found;
        await using var command = database.DataSource.CreateCommand(
            $"select nik_hash, artisan_id from {database.Quoted}.artisan_nik_hashes where nik_hash = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = hashes });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) found[reader.GetString(0)] = reader.GetGuid(1);
        return found;
    }

    /// <summary>
    /// The PKSs the ledger holds whose partner takes artisans of a regency: the regency's own first, then its province's,
    /// then any other partner's (a firm, a ministry, a school).
    /// </summary>
    async Task<Func<string, IReadOnlyList<Guid>>> AgreementsForRegencyAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IQuerySession>();
        var signed = await session.Events.QueryRawEventDataOnly<PksSigned>().ToListAsync(ct).ConfigureAwait(false);
        var byRegency = new Dictionary<string, IReadOnlyList<Guid>>(StringComparer.Ordinal);
        return regency => byRegency.TryGetValue(regency, out var found) ? found : byRegency[regency] = signed
            .Where(p => p.Partner.RefusesArtisanOf(regency) is null)
            .OrderBy(p => p.Partner.Kind switch { PartnerKind.Regency => 0, PartnerKind.Province => 1, _ => 2 })
            .Select(p => p.PksId).ToList();
    }

    /// <summary>The states of the PKS and numbering streams an import has read or written, with their versions, kept from one chunk to the next.</summary>
    sealed class KnownStreams
    {
        public Dictionary<Guid, StreamState<Pks>> Pks { get; private set; } = [];
        public Dictionary<Guid, StreamState<CertificateNumbering>> Numbering { get; private set; } = [];

        public KnownStreams Copy() => new() { Pks = new(Pks), Numbering = new(Numbering) };

        public void Adopt(ChunkStreams committed)
        {
            Pks = new(committed.PksStates);
            Numbering = new(committed.NumberingStates);
        }

        public void Clear()
        {
            Pks.Clear();
            Numbering.Clear();
        }
    }

    /// <summary>The states one chunk decides on: read at its start, advanced by each row it records.</summary>
    sealed class ChunkStreams(KnownStreams known)
    {
        public readonly Dictionary<Guid, StreamState<Pks>> PksStates = known.Pks;
        public readonly Dictionary<Guid, StreamState<CertificateNumbering>> NumberingStates = known.Numbering;
        public readonly Dictionary<Guid, Artisan> Artisans = [];
        public readonly Dictionary<Guid, Certification> Certifications = [];

        public Artisan ArtisanOf(Guid id) => Artisans.GetValueOrDefault(id) ?? Artisan.Initial;
        public Certification CertificationOf(Guid id) => Certifications.GetValueOrDefault(id) ?? Certification.Initial;
        public Pks PksOf(Guid id) => PksStates.TryGetValue(id, out var s) ? s.State : Pks.Initial;
        public CertificateNumbering NumberingOf(Guid id) => NumberingStates.TryGetValue(id, out var s) ? s.State : CertificateNumbering.Initial;
    }

    /// <summary>One attempt at a chunk: its session, the states it decides on, and what its recorded rows append.</summary>
    sealed class Chunk(IDocumentSession session, KnownStreams known)
    {
        public ChunkStreams Streams { get; } = new(known);
        public List<CertificateExpiryDue> Expiries { get; } = [];
        readonly List<(PaperRegisterRow Row, ImportCertification.Decided Decided, (byte[] Key, string NikHash)? Registration)> recorded = [];
        readonly Dictionary<Guid, long> pksVersions = known.Pks.ToDictionary(p => p.Key, p => p.Value.Version);
        readonly Dictionary<Guid, long> numberingVersions = known.Numbering.ToDictionary(p => p.Key, p => p.Value.Version);

        /// <summary>
        /// Reads, in one statement (one snapshot), every stream the chunk needs that it does not know yet: its artisans,
        /// its certifications, its regencies' PKSs and its numbering streams.
        /// </summary>
        public async Task ReadAsync(Guid[] artisans, Guid[] certifications, Guid[] pks, Guid[] numbering, CancellationToken ct)
        {
            var unknownPks = pks.Where(id => !Streams.PksStates.ContainsKey(id)).ToArray();
            var unknownNumbering = numbering.Where(id => !Streams.NumberingStates.ContainsKey(id)).ToArray();
            var ids = artisans.Concat(certifications).Concat(unknownPks).Concat(unknownNumbering).Distinct().ToArray();
            var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(ids)).OrderBy(e => e.Sequence)
                .ToListAsync(ct).ConfigureAwait(false);
            var byStream = events.GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => g.ToList());
            StreamState<T> Fold<T>(Guid id) where T : class, IAggregate<T> =>
                byStream.TryGetValue(id, out var list)
                    ? new StreamState<T>(id, list.Aggregate(T.Initial, (s, e) => T.Fold(s, e.Data)), list[^1].Version)
                    : new StreamState<T>(id, T.Initial, 0);
            foreach (var id in artisans.Distinct()) Streams.Artisans[id] = Fold<Artisan>(id).State;
            foreach (var id in certifications.Distinct()) Streams.Certifications[id] = Fold<Certification>(id).State;
            foreach (var id in unknownPks) pksVersions[id] = (Streams.PksStates[id] = Fold<Pks>(id)).Version;
            foreach (var id in unknownNumbering) numberingVersions[id] = (Streams.NumberingStates[id] = Fold<CertificateNumbering>(id)).Version;
        }

        /// <summary>Takes a decided row into the chunk: the states it leaves become those the next rows decide on.</summary>
        public void Record(PaperRegisterRow row, ImportCertification.Decided decided, (byte[] Key, string NikHash)? registration)
        {
            recorded.Add((row, decided, registration));
            Streams.Artisans[decided.ArtisanId] = decided.Artisan;
            Streams.Certifications[decided.CertificationId] = decided.State;
            var pks = Streams.PksStates[decided.PksId];
            Streams.PksStates[decided.PksId] = pks with { State = decided.Pks, Version = pks.Version + 1 };
            var numbering = Streams.NumberingStates.TryGetValue(decided.NumberingId, out var n) ? n : new(decided.NumberingId, CertificateNumbering.Initial, 0);
            Streams.NumberingStates[decided.NumberingId] = numbering with { State = decided.Numbering, Version = numbering.Version + 1 };
            Expiries.Add(new CertificateExpiryDue(decided.CertificationId, decided.Certificate.ValidUntil));
        }

        /// <summary>
        /// Queues every recorded row's appends: new artisans (their key and NIK hash with them) and certifications as new
        /// streams, and the quota seats and numbers at the versions the chunk read, each event marked with its row's line.
        /// </summary>
        public void Append()
        {
            var seats = new Dictionary<Guid, List<(object Event, int Line)>>();
            var numbers = new Dictionary<Guid, List<(object Event, int Line)>>();
            foreach (var (row, decided, registration) in recorded)
            {
                if (registration is { } r)
                {
                    Mark(session.Events.StartStream<Artisan>(decided.ArtisanId, [.. decided.Registration]), row.Line);
                    PersonalDataTables.StoreKey(session, decided.ArtisanId, r.Key);
                    PersonalDataTables.RecordNikHash(session, r.NikHash, decided.ArtisanId);
                }
                var certification = session.Events.StartStream<Certification>(decided.CertificationId, [.. decided.Certification]);
                Mark(certification, row.Line);
                if (row.PaperNumber is { } paper)
                    certification.Events.Single(e => e.Data is CertificateIssued).SetHeader(LedgerStore.PaperNumberHeader, paper);
                (seats.TryGetValue(decided.PksId, out var s) ? s : seats[decided.PksId] = []).Add((decided.QuotaSeat, row.Line));
                (numbers.TryGetValue(decided.NumberingId, out var n) ? n : numbers[decided.NumberingId] = []).Add((decided.Number, row.Line));
            }
            foreach (var (id, events) in seats) AppendAt(id, pksVersions[id], events);
            foreach (var (id, events) in numbers) AppendAt(id, numberingVersions.GetValueOrDefault(id), events);
        }

        void AppendAt(Guid id, long seenVersion, List<(object Event, int Line)> events)
        {
            var data = events.Select(e => e.Event).ToArray();
            var action = seenVersion == 0 ? session.Events.StartStream(id, data) : session.Events.AppendAtSeenVersion(id, seenVersion, data);
            for (var i = 0; i < action.Events.Count; i++)
                action.Events[i].SetHeader(LedgerStore.ImportLineHeader, events[i].Line.ToString(CultureInfo.InvariantCulture));
        }

        static void Mark(StreamAction action, int line)
        {
            foreach (var e in action.Events) e.SetHeader(LedgerStore.ImportLineHeader, line.ToString(CultureInfo.InvariantCulture));
        }
    }
}
