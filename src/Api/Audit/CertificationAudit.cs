using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Certifications;
using Ledger.Domain;
using Marten;
using Ledger.Integrity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Audit;

/// <summary>
/// <c>/api/audit/certifications/{id}</c> and <c>/api/audit/certificates/{number}</c>: a certificate's full
/// history, its state as it stood, and its proof against the signed checkpoints.
/// </summary>
public static class CertificationAudit
{
    public static void MapCertificationAudit(this RouteGroupBuilder audit)
    {
        audit.MapGet("/certifications/{id:guid}", ById).WithName("AuditCertification")
            .WithSummary("A certification's full history and its state, as it stands, as it stood in the world on `asOf`, or as the ledger had it at `version` or `recordedAsOf`")
            .WithDescription(HistoryCut.Description)
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/certificates/{number}", ByNumber).WithName("AuditCertificate")
            .WithSummary("A certificate's full history by its number; `asOf`, `recordedAsOf` or `version` give the state as it stood")
            .WithDescription(HistoryCut.Description)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/certifications/{id:guid}/proof", ProofById).WithName("ProveCertification")
            .WithSummary("The proof of a certification's events: hashes, chain, Merkle paths to signed checkpoints; checkable with the public key alone")
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/certificates/{number}/proof", ProofByNumber).WithName("ProveCertificate")
            .WithSummary("The proof of a certificate's events, by its number")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    static async Task<Results<Ok<CertificationHistory>, ValidationProblem>> ById(
        Guid id, long? version, string? asOf, DateTimeOffset? recordedAsOf, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var cut = HistoryCut.Parse(version, recordedAsOf, asOf, errors);
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(await HistoryAsync(id, null, cut, session, response, ct));
    }

    static async Task<Results<Ok<CertificationHistory>, ValidationProblem>> ByNumber(
        string number, long? version, string? asOf, DateTimeOffset? recordedAsOf, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var cut = HistoryCut.Parse(version, recordedAsOf, asOf, errors);
        if (!CertificateNumber.TryParse(number, out var parsed, out var error)) errors.Add("number", CertificateNumbers.Describe(number, error));
        if (errors.Any) return errors.Problem();
        var id = await CertificateNumbers.ResolveAsync(session, parsed!, ct)
            ?? throw new NotFoundException($"No certificate {parsed} has been issued.");
        return TypedResults.Ok(await HistoryAsync(id, parsed!.ToString(), cut, session, response, ct));
    }

    static async Task<CertificationHistory> HistoryAsync(
        Guid id, string? number, HistoryCut cut, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        // The ledger's axis on Marten (a version or an instant), then the world's axis on the events' effective dates;
        // the state is the certification's own fold of what is left, so both axes cut the state as they cut the list.
        var recorded = await session.Events.FetchStreamAsync(id, cut.Version ?? 0, cut.RecordedAsOf, token: ct);
        var events = cut.InTheWorld(recorded);
        if (events.Count == 0 || events[0].Data is not ArtisanEnrolled)
            throw new NotFoundException(cut.IsLatest || !await EnrolledAsync(session, id, ct)
                ? $"No certification {id} has been enrolled."
                : $"Certification {id} had not been enrolled {cut.InWords()}.");
        var state = events.Aggregate(Certification.Initial, (s, e) => Certification.Fold(s, e.Data));
        if (cut.IsLatest) response.SetStreamVersion(events[^1].Version);
        return new CertificationHistory(id, number ?? state.Certificate?.Number, events[^1].Version,
            state.StatusOn(cut.StatusDay(events)), state, events.Select(AuditEvent.From).ToList());
    }

    static async Task<bool> EnrolledAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        (await session.Events.FetchStreamAsync(id, 1, token: ct)).FirstOrDefault()?.Data is ArtisanEnrolled;

    static async Task<Ok<StreamProof>> ProofById(Guid id, LedgerIntegrity integrity, CancellationToken ct)
    {
        var proof = await integrity.ProveStreamAsync(id, ct);
        if (proof.Events.Count == 0) throw new NotFoundException($"No certification {id} has been enrolled.");
        return TypedResults.Ok(proof);
    }

    static async Task<Results<Ok<StreamProof>, ValidationProblem>> ProofByNumber(
        string number, IQuerySession session, LedgerIntegrity integrity, CancellationToken ct)
    {
        if (!CertificateNumber.TryParse(number, out var parsed, out var error))
            return new FieldErrors().Add("number", CertificateNumbers.Describe(number, error)).Problem();
        var id = await CertificateNumbers.ResolveAsync(session, parsed, ct) ?? throw new NotFoundException($"No certificate {parsed} has been issued.");
        return TypedResults.Ok(await integrity.ProveStreamAsync(id, ct));
    }
}
