using Ledger.Commands;
using Wolverine;
using Ledger.Agreements;
using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Domain;
using Ledger.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Registry.Agreements;

/// <summary><c>/api/registry/mous</c> and <c>/api/registry/pks</c>: the regency agency's agreements (role agency).</summary>
public static class AgreementsEndpoints
{
    public static void MapAgreements(this RouteGroupBuilder registry)
    {
        var mous = registry.MapGroup("/mous").RequireAuthorization(LedgerPolicies.Agency);
        mous.MapPost("/", SignMou).WithName("SignMou").WithSummary("Record an MoU signed by a regency head and a centre head; 201 with its id")
            .WithRequestExample(SignMouRequest.Example);
        mous.MapGet("/{id:guid}", GetMou).WithName("GetMou").WithSummary("An MoU as it stands").ProducesProblem(StatusCodes.Status404NotFound);
        mous.MapPost("/{id:guid}/termination", TerminateMou).WithName("TerminateMou").WithSummary("End an MoU before its term, with the reason")
            .WithRequestExample(TerminateAgreementRequest.Example);
        mous.MapPost("/{id:guid}/expiry", ExpireMou).WithName("ExpireMou").WithSummary("Record that an MoU's term ran out");

        var pks = registry.MapGroup("/pks").RequireAuthorization(LedgerPolicies.Agency);
        pks.MapPost("/", SignPks).WithName("SignPks").WithSummary("Record a PKS signed under an MoU in force: schemes, yearly quota, aid; 201 with its id")
            .WithRequestExample(SignPksRequest.Example);
        pks.MapGet("/{id:guid}", GetPks).WithName("GetPks").WithSummary("A PKS as it stands, with the quota seats taken per year")
            .ProducesProblem(StatusCodes.Status404NotFound);
        pks.MapPost("/{id:guid}/amendments", AmendPks).WithName("AmendPks").WithSummary("Amend a PKS (addendum)")
            .WithRequestExample(AmendPksRequest.Example);
        pks.MapPost("/{id:guid}/termination", TerminatePks).WithName("TerminatePks").WithSummary("End a PKS before its term, with the reason")
            .WithRequestExample(TerminateAgreementRequest.Example);
        pks.MapPost("/{id:guid}/expiry", ExpirePks).WithName("ExpirePks").WithSummary("Record that a PKS's term ran out");
    }

    static async Task<Results<Created<Recorded>, ValidationProblem>> SignMou(
        SignMouRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var id = command.NewId();
        var result = await bus.RecordAsync(new SignMou(id, body.RegencyCode!.Trim(), body.CentreName!.Trim(), body.RegencyHead!.Trim(),
            body.CentreHead!.Trim(), body.SignedOn!.Value, body.ValidUntil!.Value, command.Actor, command.At), command.Options, ct);
        return TypedResults.Created($"/api/registry/mous/{id}", command.Answer(result));
    }

    static async Task<Ok<Mou>> GetMou(Guid id, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var current = await session.ReadStateAsync<Mou>(id, ct: ct);
        if (current is null || current.State.Status == AgreementStatus.None) throw new NotFoundException($"No MoU {id} has been recorded.");
        response.SetStreamVersion(current.Version);
        return TypedResults.Ok(current.State);
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> TerminateMou(
        Guid id, TerminateAgreementRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var result = await bus.RecordAsync(new TerminateMou(id, body.EffectiveOn!.Value, body.Reason!.Trim(), command.Actor, command.At), command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }

    static async Task<Ok<Recorded>> ExpireMou(Guid id, CommandContext command, IMessageBus bus, CancellationToken ct) =>
        TypedResults.Ok(command.Answer(await bus.RecordAsync(new ExpireMou(id, command.Actor, command.At), command.Options, ct)));

    static async Task<Results<Created<Recorded>, ValidationProblem>> SignPks(
        SignPksRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var id = command.NewId();
        var result = await bus.RecordAsync(new SignPks(id, body.MouId!.Value, body.AgencyName!.Trim(), body.AgencyHead!.Trim(), body.CentreHead!.Trim(),
            body.SignedOn!.Value, body.ValidUntil!.Value, body.Schemes!, body.YearlyQuota!.Value, body.EquipmentAidPerArtisan,
            command.Actor, command.At), command.Options, ct);
        return TypedResults.Created($"/api/registry/pks/{id}", command.Answer(result));
    }

    static async Task<Ok<Pks>> GetPks(Guid id, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var current = await session.ReadStateAsync<Pks>(id, ct: ct);
        if (current is null || current.State.Status == AgreementStatus.None) throw new NotFoundException($"No PKS {id} has been recorded.");
        response.SetStreamVersion(current.Version);
        return TypedResults.Ok(current.State);
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> AmendPks(
        Guid id, AmendPksRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var result = await bus.RecordAsync(new AmendPks(id, body.AmendmentNumber!.Trim(), body.Schemes, body.YearlyQuota, body.EquipmentAidPerArtisan,
            body.ValidUntil, body.Reason!.Trim(), command.Actor, command.At), command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> TerminatePks(
        Guid id, TerminateAgreementRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var result = await bus.RecordAsync(new TerminatePks(id, body.EffectiveOn!.Value, body.Reason!.Trim(), command.Actor, command.At), command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }

    static async Task<Ok<Recorded>> ExpirePks(Guid id, CommandContext command, IMessageBus bus, CancellationToken ct) =>
        TypedResults.Ok(command.Answer(await bus.RecordAsync(new ExpirePks(id, command.Actor, command.At), command.Options, ct)));
}
