using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Domain;

namespace Ledger.Certifications;

/// <summary>
/// One row of a paper register decided in memory: the same pure <c>Decide</c> functions the commands run, one after the
/// other on the state each leaves (register the artisan when not known, enroll under the regency's PKS, accept the
/// application, record the assessment, the panel's decision, issue the certificate and, when given, its handover), so
/// every rule the commands keep holds here too. A broken rule is the command's own <see cref="DomainException"/>.
/// </summary>
public static class ImportCertification
{
    /// <summary>What a row finds recorded: its artisan (when known), its certification, its regency's PKSs and the numbering of its certificate's year.</summary>
    public sealed record Given(
        Guid ArtisanId,
        Artisan Artisan,
        Certification Certification,
        IReadOnlyList<Pks> Agreements,
        CertificateNumbering Numbering);

    /// <summary>What a row records on each stream it touches, and the states it leaves them in.</summary>
    public sealed record Decided(
        Guid ArtisanId,
        IReadOnlyList<object> Registration,
        Artisan Artisan,
        Guid CertificationId,
        IReadOnlyList<object> Certification,
        Certification State,
        Guid PksId,
        object QuotaSeat,
        Pks Pks,
        Guid NumberingId,
        CertificateNumberAssigned Number,
        CertificateNumbering Numbering)
    {
        public Certificate Certificate => State.Certificate!;
    }

    /// <summary>
    /// Whether the row's certification is already recorded: its stream holds a certificate issued on the row's issue
    /// day. (A stream holding anything else is left to the rules, which refuse a second enrollment.)
    /// </summary>
    public static bool IsPresent(Certification state, PaperRegisterRow row) =>
        state.Enrolled && state.Certificate is { } certificate && certificate.ValidFrom == row.IssuedOn;

    /// <summary>The row's whole certification, given its artisan's sealed identity (used only when the artisan is registered by this row).</summary>
    public static Decided Decide(PaperRegisterRow row, Given given, SealedIdentity identity, string actor, DateTimeOffset at)
    {
        if (row.Problem is { } problem) throw new DomainException(problem);
        var regency = Rules.RegencyCode(row.Regency);
        var artisanId = given.ArtisanId;

        IReadOnlyList<object> registration = [];
        var artisan = given.Artisan;
        if (!artisan.Registered)
        {
            var register = new RegisterArtisan(artisanId, row.Name, row.Nik, row.Gender, row.BirthYear, regency, row.Business, actor, at)
            {
                RegisteredOn = row.RegisteredOn ?? row.EnrolledOn,
            };
            registration = RegisterArtisan.Decide(artisan, register, identity);
            artisan = registration.Aggregate(artisan, Artisan.Fold);
        }

        var scheme = Rules.SchemeCode(row.Scheme);
        var enroll = new EnrollArtisan(artisanId, scheme, Guid.Empty, null, actor, at) { EnrolledOn = row.EnrolledOn };
        var pks = Choose(given.Agreements, regency, scheme, row.EnrolledOn)
            ?? throw new DomainException($"No PKS has been recorded for regency {regency}: an enrollment takes a seat of its regency's quota.");
        enroll = enroll with { PksId = pks.Id };
        var certificationId = enroll.CertificationId;
        var enrollment = EnrollArtisan.Decide(given.Certification, artisan, pks, null, enroll);

        var events = new List<object>(enrollment.Certification);
        var state = enrollment.Certification.Aggregate(given.Certification, Certification.Fold);
        IReadOnlyList<object> Then(IReadOnlyList<object> decided)
        {
            events.AddRange(decided);
            state = decided.Aggregate(state, Certification.Fold);
            return decided;
        }

        Then(AcceptApplication.Decide(state, new AcceptApplication(certificationId, actor, at) { AcceptedOn = row.AcceptedOn ?? row.EnrolledOn }));
        Then(RecordAssessment.Decide(state, new RecordAssessment(certificationId, row.Assessor, row.Site, row.AssessedOn,
            [.. row.Units.Select(u => new UnitAssessment(u, row.Verdict, row.Evidence))], actor, at)));
        Then(DecideCertification.Decide(state, new DecideCertification(certificationId, row.Verdict, row.Panel, actor, at) { DecidedOn = row.DecidedOn }));
        var issuance = IssueCertificate.Decide(state, given.Numbering, new IssueCertificate(certificationId, row.Blanko, row.Lsp, actor, at) { IssuedOn = row.IssuedOn });
        Then(issuance.Certification);
        if (row.HandedOver)
            Then(HandOverCertificate.Decide(state, new HandOverCertificate(certificationId, row.HandoverOfficial!, row.HandoverPlace!, actor, at)
            {
                HandedOverOn = row.HandedOverOn,
            }));

        return new Decided(artisanId, registration, artisan, certificationId, events, state,
            pks.Id, enrollment.QuotaSeat, Pks.Fold(pks, enrollment.QuotaSeat),
            issuance.NumberingId, issuance.Number, CertificateNumbering.Fold(given.Numbering, issuance.Number));
    }

    /// <summary>
    /// The PKS a row's enrollment takes its seat under: of its regency's, the first signed that is in force on the day,
    /// covers the scheme and has a seat left in the year; failing that, the nearest to it, so that the rules name what is missing.
    /// </summary>
    public static Pks? Choose(IReadOnlyList<Pks> agreements, string regency, string scheme, DateOnly enrolledOn)
    {
        var candidates = agreements.Where(p => p.RegencyCode == regency).OrderBy(p => p.SignedOn).ThenBy(p => p.Id).ToList();
        return candidates.FirstOrDefault(p => p.IsInForceOn(enrolledOn) && p.Covers(scheme) && p.SeatsTakenIn(enrolledOn.Year) < p.YearlyQuota)
            ?? candidates.FirstOrDefault(p => p.IsInForceOn(enrolledOn) && p.Covers(scheme))
            ?? candidates.FirstOrDefault(p => p.IsInForceOn(enrolledOn))
            ?? candidates.FirstOrDefault();
    }

    /// <summary>The numbering stream a row's certificate takes its number from: its LSP's for the year of issue.</summary>
    public static Guid NumberingIdOf(PaperRegisterRow row)
    {
        var lsp = row.Lsp.Trim().ToUpperInvariant();
        return CertificateNumbering.StreamIdFor(lsp.Length == 0 ? "NONE" : lsp, row.IssuedOn.Year);
    }
}
