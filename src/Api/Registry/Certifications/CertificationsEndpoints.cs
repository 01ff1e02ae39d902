using Ledger.Commands;
using Wolverine;
using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Registry.Certifications;

/// <summary><c>/api/registry/certifications</c>: a certification's whole life, from enrollment to renewal (registrar).</summary>
public static class CertificationsEndpoints
{
    public static void MapCertifications(this RouteGroupBuilder registry)
    {
        var c = registry.MapGroup("/certifications").RequireAuthorization(LedgerPolicies.Registrar);
        c.MapPost("/", Enroll).WithName("EnrollArtisan")
            .WithSummary("Enroll an artisan in a scheme under the regency's PKS; 201 with the certification id derived from artisan and scheme")
            .WithRequestExample(EnrollArtisanRequest.Example);
        c.MapGet("/{id:guid}", Get).WithName("GetCertification").WithSummary("A certification as it stands, and its status today")
            .ProducesProblem(StatusCodes.Status404NotFound);
        c.MapPost("/{id:guid}/application/acceptance", AcceptApplication).WithName("AcceptApplication")
            .WithSummary("Accept the application (FR.APL.01) and self-assessment (FR.APL.02)");
        c.MapPost("/{id:guid}/application/return", ReturnApplication).WithName("ReturnApplication")
            .WithSummary("Return the application to be completed, with the reason").WithRequestExample(ReasonRequest.Example);
        c.MapPost("/{id:guid}/assessments", RecordAssessment).WithName("RecordAssessment")
            .WithSummary("Record an assessment attempt: assessor, site, K/BK and evidence per SKKNI unit").WithRequestExample(RecordAssessmentRequest.Example);
        c.MapPost("/{id:guid}/appeals", FileAppeal).WithName("FileAppeal")
            .WithSummary("File the candidate's appeal (FR.AK.04) against the latest attempt").WithRequestExample(FileAppealRequest.Example);
        c.MapPost("/{id:guid}/appeal-decision", DecideAppeal).WithName("DecideAppeal")
            .WithSummary("Decide the open appeal: Upheld or Dismissed").WithRequestExample(DecideAppealRequest.Example);
        c.MapPost("/{id:guid}/decision", Decide).WithName("DecideCertification")
            .WithSummary("The panel's K or BK decision on the latest attempt").WithRequestExample(DecideCertificationRequest.Example);
        c.MapPost("/{id:guid}/certificate", Issue).WithName("IssueCertificate")
            .WithSummary("Issue the certificate after a K decision: the next number of the LSP for the year, valid 3 years")
            .WithRequestExample(IssueCertificateRequest.Example);
        c.MapPost("/{id:guid}/freeze", Freeze).WithName("FreezeCertificate")
            .WithSummary("Freeze the certificate (pembekuan), with the reason").WithRequestExample(ReasonRequest.Example);
        c.MapPost("/{id:guid}/reinstatement", Reinstate).WithName("ReinstateCertificate")
            .WithSummary("Reinstate a frozen certificate, with the reason").WithRequestExample(ReasonRequest.Example);
        c.MapPost("/{id:guid}/revocation", Revoke).WithName("RevokeCertificate")
            .WithSummary("Revoke the certificate (pencabutan), permanently, with the reason").WithRequestExample(ReasonRequest.Example);
        c.MapPost("/{id:guid}/expiry", Expire).WithName("ExpireCertificate")
            .WithSummary("Record that the certificate's validity ended");
        c.MapPost("/{id:guid}/renewal", Renew).WithName("RenewCertificate")
            .WithSummary("Renew the certificate after a K decision on re-certification").WithRequestExample(RenewCertificateRequest.Example);
    }

    static async Task<Results<Created<Recorded>, ValidationProblem>> Enroll(
        EnrollArtisanRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var result = await bus.RecordAsync(new EnrollArtisan(body.ArtisanId!.Value, body.SchemeCode!.Trim(), body.PksId!.Value, body.BatchId,
            command.Actor, command.At), command.Options, ct);
        return TypedResults.Created($"/api/registry/certifications/{result.StreamId}", command.Answer(result));
    }

    static async Task<Ok<CertificationView>> Get(Guid id, IQuerySession session, TimeProvider time, HttpResponse response, CancellationToken ct)
    {
        var current = await session.ReadStateAsync<Certification>(id, ct: ct);
        if (current is null || !current.State.Enrolled) throw new NotFoundException($"No certification {id} has been enrolled.");
        response.SetStreamVersion(current.Version);
        return TypedResults.Ok(new CertificationView(id, current.Version, current.State.StatusOn(Days.Of(time.GetUtcNow())), current.State));
    }

    static async Task<Ok<Recorded>> AcceptApplication(Guid id, CommandContext command, IMessageBus bus, CancellationToken ct) =>
        TypedResults.Ok(command.Answer(await bus.RecordAsync(new AcceptApplication(id, command.Actor, command.At), command.Options, ct)));

    static async Task<Results<Ok<Recorded>, ValidationProblem>> ReturnApplication(
        Guid id, ReasonRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new ReturnApplication(id, body.Reason!.Trim(), command.Actor, command.At), command.Options, ct)));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> RecordAssessment(
        Guid id, RecordAssessmentRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(new RecordAssessment(id, body.Assessor!.Trim(), body.AssessmentSite!.Trim(),
            body.AssessedOn!.Value, body.ToUnits(), command.Actor, command.At), command.Options, ct)));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> FileAppeal(
        Guid id, FileAppealRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new FileAppeal(id, body.Grounds!.Trim(), command.Actor, command.At), command.Options, ct)));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> DecideAppeal(
        Guid id, DecideAppealRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new DecideAppeal(id, body.Outcome!.Value, body.Reason!.Trim(), command.Actor, command.At), command.Options, ct)));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> Decide(
        Guid id, DecideCertificationRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new DecideCertification(id, body.Decision!.Value, body.Panel!.Select(p => p.Trim()).ToList(), command.Actor, command.At), command.Options, ct)));
    }

    static async Task<Results<Ok<CertificateIssuedResponse>, ValidationProblem>> Issue(
        Guid id, IssueCertificateRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var result = await bus.RecordAsync(new IssueCertificate(id, body.BlankoNumber!.Trim(), body.IssuingLsp!.Trim(), command.Actor, command.At),
            command.Options, ct);
        command.Written(result);
        var issued = result.Events.Select(e => e.Data).OfType<CertificateIssued>().Single();
        return TypedResults.Ok(new CertificateIssuedResponse(id, result.Version, issued.CertificateNumber, issued.ValidFrom, issued.ValidUntil));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> Freeze(
        Guid id, ReasonRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new FreezeCertificate(id, body.Reason!.Trim(), command.Actor, command.At), command.Options, ct)));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> Reinstate(
        Guid id, ReasonRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new ReinstateCertificate(id, body.Reason!.Trim(), command.Actor, command.At), command.Options, ct)));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> Revoke(
        Guid id, ReasonRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new RevokeCertificate(id, body.Reason!.Trim(), command.Actor, command.At), command.Options, ct)));
    }

    static async Task<Ok<Recorded>> Expire(Guid id, CommandContext command, IMessageBus bus, CancellationToken ct) =>
        TypedResults.Ok(command.Answer(await bus.RecordAsync(new ExpireCertificate(id, command.Actor, command.At), command.Options, ct)));

    static async Task<Results<Ok<Recorded>, ValidationProblem>> Renew(
        Guid id, RenewCertificateRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new RenewCertificate(id, body.BlankoNumber!.Trim(), command.Actor, command.At), command.Options, ct)));
    }
}
