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

/// <summary>Registers an artisan. The NIK is hashed and sealed before anything is recorded; it is never stored in clear.</summary>
public sealed record RegisterArtisanRequest(string? Name, string? Nik, Gender? Gender, int? BirthYear, string? RegencyCode, string? BusinessName,
    DateOnly? RegisteredOn = null)
{
    public static readonly RegisterArtisanRequest Example = new("Siti Rahayu", "3604014507850002", Ledger.Artisans.Gender.Female, 1985, "36.04", "Batik Serang Sari",
        new DateOnly(2026, 3, 2));

    public FieldErrors Validate(int currentYear) => new FieldErrors()
        .Required("name", Name)
        .Check("nik", Nik is not null && Nik.Trim().Length == 16 && Nik.Trim().All(char.IsAsciiDigit), "The NIK must be the 16 digits of the national identity card.")
        .Check("gender", Gender is not null, "The gender is required: Female or Male.")
        .Check("birthYear", BirthYear is { } y && y >= 1920 && y <= currentYear - 10, "The birth year must be between 1920 and ten years ago.")
        .Check("regencyCode", Ledger.Domain.Rules.IsRegencyCode(RegencyCode?.Trim()), "The regency code is written PP.KK, e.g. 35.23.")
        .Required("businessName", BusinessName);
}

/// <summary><c>POST /api/registry/artisans</c>: register an artisan (registrar or agency); 201 with the new artisan's id.</summary>
public static class RegisterArtisanEndpoint
{
    public static ProblemDetails Validate(RegisterArtisanRequest? body, TimeProvider time) =>
        body is null ? FieldErrors.Judge(null) : body.Validate(time.GetUtcNow().Year).Outcome();

    [WolverinePost("/api/registry/artisans", OperationId = "RegisterArtisan")]
    [EndpointSummary("Register an artisan (registrar or agency); 201 with the new artisan's id")]
    public static async Task<Created<Recorded>> Post(RegisterArtisanRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var id = command.NewId();
        var result = await bus.RecordAsync(new RegisterArtisan(id, body.Name!.Trim(), body.Nik!.Trim(), body.Gender!.Value, body.BirthYear!.Value,
            body.RegencyCode!.Trim(), body.BusinessName!.Trim(), command.Actor, command.At) { RegisteredOn = body.RegisteredOn }, command.Options, ct);
        return TypedResults.Created($"/api/registry/artisans/{id}", command.Answer(result));
    }
}
