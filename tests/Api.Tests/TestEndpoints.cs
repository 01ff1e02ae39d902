using Ledger.Api.Hosting;
using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Domain;
using Ledger.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ledger.Api.Tests;

public sealed record NoteWritten(Guid NoteId, string Text, int Copies, DateTimeOffset WrittenAt);

public sealed record NoteAmended(Guid NoteId, string Text, DateTimeOffset AmendedAt);

public sealed record WriteNote(string? Text, int Copies);

public sealed record AmendNote(string? Text);

public sealed record NoteWrittenResponse(Guid NoteId, long Version, string Actor, string CorrelationId);

/// <summary>
/// Endpoints that need no domain, mapped into the real groups so that the host's machinery (roles,
/// idempotency, ETags, problems, rate limits) is exercised end to end through the real store.
/// </summary>
public sealed class TestEndpoints : ILedgerApiModule
{
    public const string NoteStreamType = "test_note";

    public TestEndpoints(EventTypeRegistry events)
    {
        if (!events.IsRegistered(typeof(NoteWritten)))
            events.Register<NoteWritten>("test_note_written").Register<NoteAmended>("test_note_amended");
    }

    public void Map(LedgerApiGroups groups)
    {
        var notes = groups.Registry.MapGroup("/test-notes");
        notes.MapPost("/", Write);
        notes.MapPost("/{id:guid}/amendments", Amend);
        notes.MapPost("/agency-only", () => TypedResults.NoContent()).RequireAuthorization(Ledger.Api.Auth.LedgerPolicies.Agency);
        notes.MapPost("/rule", () => { throw new DomainException("A note cannot be written on a Sunday."); });
        notes.MapPost("/missing", () => { throw new NotFoundException("Note BTK-404 is not in the ledger."); });
        notes.MapPost("/conflict", () => { throw new ConcurrencyException(Guid.NewGuid(), 3, 4); });
        notes.MapPost("/boom", () => { throw new InvalidOperationException("secret internals at Ledger.Something"); });
        notes.MapPost("/database-down", () => { throw new NpgsqlException("connection refused", new TimeoutException()); });

        groups.Verification.MapGet("/test-echo/{number}", (string number) => TypedResults.Ok(new { number }));
        groups.Analytics.MapGet("/test-ping", () => TypedResults.Ok(new { pong = true }));
    }

    static async Task<Results<Created<NoteWrittenResponse>, ValidationProblem>> Write(WriteNote body, CommandContext command, EventStore store)
    {
        var errors = new FieldErrors()
            .Required("text", body.Text)
            .Check("copies", body.Copies is >= 1 and <= 10, "Copies must be between 1 and 10.");
        if (errors.Any) return errors.Problem();

        var id = Guid.NewGuid();
        var result = await store.OpenSession(command.Metadata())
            .StartStream(id, NoteStreamType, new NoteWritten(id, body.Text!, body.Copies, command.At))
            .SaveChangesAsync();
        var version = result.VersionOf(id);
        command.Written(version);
        return TypedResults.Created($"/api/registry/test-notes/{id}", new NoteWrittenResponse(id, version, command.Actor, command.CorrelationId));
    }

    static async Task<Results<Ok<NoteWrittenResponse>, ValidationProblem>> Amend(Guid id, AmendNote body, CommandContext command, EventStore store)
    {
        var errors = new FieldErrors().Required("text", body.Text);
        if (errors.Any) return errors.Problem();

        var current = await store.FetchStreamAsync(id);
        if (current.Count == 0) throw new NotFoundException($"Note {id} is not in the ledger.");
        var result = await store.AppendAsync(id, command.ExpectedVersion ?? ExpectedVersion.Any, command.Metadata("amended"),
            new NoteAmended(id, body.Text!, command.At));
        var version = result.VersionOf(id);
        command.Written(version);
        return TypedResults.Ok(new NoteWrittenResponse(id, version, command.Actor, command.CorrelationId));
    }
}
