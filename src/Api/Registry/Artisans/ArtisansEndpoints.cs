using Ledger.Commands;
using Wolverine;
using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Artisans;
using Ledger.Domain;
using Ledger.PersonalData;
using Ledger.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Registry.Artisans;

/// <summary><c>/api/registry/artisans</c>: registration, corrections, aid, monitoring visits, trainer qualifications, erasure.</summary>
public static class ArtisansEndpoints
{
    public static RouteGroupBuilder MapArtisans(this RouteGroupBuilder registry)
    {
        var artisans = registry.MapGroup("/artisans");
        artisans.MapPost("/", Register).WithName("RegisterArtisan")
            .WithSummary("Register an artisan (registrar or agency); 201 with the new artisan's id")
            .WithRequestExample(RegisterArtisanRequest.Example);
        artisans.MapGet("/{id:guid}", Get).WithName("GetArtisan")
            .WithSummary("An artisan's current details; the name revealed, the NIK as its last four digits, erased fields as null")
            .ProducesProblem(StatusCodes.Status404NotFound);
        artisans.MapPost("/{id:guid}/details-corrections", Correct).WithName("CorrectArtisanDetails")
            .WithSummary("Correct an artisan's details, with the reason").WithRequestExample(CorrectArtisanDetailsRequest.Example);
        artisans.MapPost("/{id:guid}/equipment-aid", RecordAid).WithName("RecordEquipmentAid")
            .WithSummary("Record equipment aid handed over (agency)").WithRequestExample(RecordEquipmentAidRequest.Example)
            .RequireAuthorization(LedgerPolicies.Agency);
        artisans.MapPost("/{id:guid}/monev-visits", RecordVisit).WithName("RecordMonevVisit")
            .WithSummary("Record a monitoring and evaluation visit (agency)").WithRequestExample(RecordMonevVisitRequest.Example)
            .RequireAuthorization(LedgerPolicies.Agency);
        artisans.MapPost("/{id:guid}/trainer-qualifications", QualifyAsTrainer).WithName("QualifyAsTrainer")
            .WithSummary("Qualify a certified artisan as a trainer in a scheme (registrar)").WithRequestExample(QualifyAsTrainerRequest.Example)
            .RequireAuthorization(LedgerPolicies.Registrar);
        artisans.MapPost("/{id:guid}/erasure", Erase).WithName("ErasePersonalData")
            .WithSummary("Erase an artisan's personal data on request (agency): the key is destroyed, the events and their hashes stay")
            .WithRequestExample(ErasePersonalDataRequest.Example)
            .RequireAuthorization(LedgerPolicies.Agency);
        return artisans;
    }

    static async Task<Results<Created<Recorded>, ValidationProblem>> Register(
        RegisterArtisanRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate(command.At.Year);
        if (errors.Any) return errors.Problem();
        var id = command.NewId();
        var result = await bus.RecordAsync(new RegisterArtisan(id, body.Name!.Trim(), body.Nik!.Trim(), body.Gender!.Value, body.BirthYear!.Value,
            body.RegencyCode!.Trim(), body.BusinessName!.Trim(), command.Actor, command.At), command.Options, ct);
        return TypedResults.Created($"/api/registry/artisans/{id}", command.Answer(result));
    }

    static async Task<Ok<ArtisanView>> Get(
        Guid id, IQuerySession session, PersonalDataProtector protector, HttpResponse response, CancellationToken ct)
    {
        var current = await session.ReadStateAsync<Artisan>(id, ct: ct);
        if (current is null || !current.State.Registered) throw new NotFoundException($"No artisan {id} is registered.");
        response.SetStreamVersion(current.Version);
        return TypedResults.Ok(await ArtisanView.RevealAsync(current.State, current.Version, protector, ct));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> Correct(
        Guid id, CorrectArtisanDetailsRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate(command.At.Year);
        if (errors.Any) return errors.Problem();
        var result = await bus.RecordAsync(new CorrectArtisanDetails(id, body.Name?.Trim(), body.Nik?.Trim(), body.Gender, body.BirthYear,
            body.RegencyCode?.Trim(), body.BusinessName?.Trim(), body.Reason!.Trim(), command.Actor, command.At), command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> RecordAid(
        Guid id, RecordEquipmentAidRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var result = await bus.RecordAsync(new RecordEquipmentAid(id, body.Item!.Trim(), body.Quantity!.Value, body.PksId, command.Actor, command.At),
            command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> RecordVisit(
        Guid id, RecordMonevVisitRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var result = await bus.RecordAsync(new RecordMonevVisit(id, body.VisitedOn!.Value, body.Officer!.Trim(), body.Findings!.Trim(),
            command.Actor, command.At), command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> QualifyAsTrainer(
        Guid id, QualifyAsTrainerRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var result = await bus.RecordAsync(new QualifyAsTrainer(id, body.SchemeCode!.Trim(), command.Actor, command.At), command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }

    static async Task<Results<Ok<Recorded>, ValidationProblem>> Erase(
        Guid id, ErasePersonalDataRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var result = await bus.RecordAsync(new ErasePersonalData(id, body.Reason!.Trim(), command.Actor, command.At), command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }
}
