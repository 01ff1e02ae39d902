using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Commands;
using Ledger.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Ledger.Artisans;

namespace Ledger.Api.Registry.Artisans;

/// <summary>Corrects details; an absent field stays as it is. The reason is required.</summary>
public sealed record CorrectArtisanDetailsRequest(string? Name, string? Nik, Gender? Gender, int? BirthYear, string? RegencyCode, string? BusinessName, string? Reason,
    DateOnly? CorrectedOn = null)
{
    public static readonly CorrectArtisanDetailsRequest Example = new(null, null, null, null, "36.04", "Batik Serang Sari Makmur", "The IKM changed its name.",
        new DateOnly(2026, 5, 4));

    public FieldErrors Validate(int currentYear) => new FieldErrors()
        .Required("reason", Reason)
        .Check("", Name is not null || Nik is not null || Gender is not null || BirthYear is not null || RegencyCode is not null || BusinessName is not null,
            "A correction must change at least one detail.")
        .Check("name", Name is null || !string.IsNullOrWhiteSpace(Name), "The name cannot be blank.")
        .Check("nik", Nik is null || (Nik.Trim().Length == 16 && Nik.Trim().All(char.IsAsciiDigit)), "The NIK must be the 16 digits of the national identity card.")
        .Check("birthYear", BirthYear is null || (BirthYear >= 1920 && BirthYear <= currentYear - 10), "The birth year must be between 1920 and ten years ago.")
        .Check("regencyCode", RegencyCode is null || Ledger.Domain.Rules.IsRegencyCode(RegencyCode.Trim()), "The regency code is written PP.KK, e.g. 35.23.")
        .Check("businessName", BusinessName is null || !string.IsNullOrWhiteSpace(BusinessName), "The business name cannot be blank.");
}

/// <summary><c>POST /api/registry/artisans/{id}/details-corrections</c>: correct an artisan's details, with the reason.</summary>
public static class CorrectArtisanDetailsEndpoint
{
    public static ProblemDetails Validate(CorrectArtisanDetailsRequest? body, TimeProvider time) =>
        body is null ? FieldErrors.Judge(null) : body.Validate(time.GetUtcNow().Year).Outcome();

    [WolverinePost("/api/registry/artisans/{id:guid}/details-corrections", OperationId = "CorrectArtisanDetails")]
    [EndpointSummary("Correct an artisan's details, with the reason")]
    public static async Task<Ok<Recorded>> Post(Guid id, CorrectArtisanDetailsRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var result = await bus.RecordAsync(new CorrectArtisanDetails(id, body.Name?.Trim(), body.Nik?.Trim(), body.Gender, body.BirthYear,
            body.RegencyCode?.Trim(), body.BusinessName?.Trim(), body.Reason!.Trim(), command.Actor, command.At) { CorrectedOn = body.CorrectedOn }, command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }
}
