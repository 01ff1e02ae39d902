using Ledger.Api.Hosting;
using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Domain;
using Ledger.Marten;
using Marten;
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
    /// <summary>Registers the notes' events with the store under stable names, as the ledger's own are.</summary>
    public static void Register(StoreOptions options)
    {
        options.Events.MapEventType<NoteWritten>("test_note_written");
        options.Events.MapEventType<NoteAmended>("test_note_amended");
    }

    public void Map(LedgerApiGroups groups)
    {
        var notes = groups.Registry.MapGroup("/test-notes");
        notes.MapPost("/", Write);
        notes.MapPost("/{id:guid}/amendments", Amend);
        notes.MapPost("/agency-only", () => TypedResults.NoContent()).RequireAuthorization(Ledger.Api.Auth.LedgerPolicies.Agency);
        notes.MapPost("/rule", () => { throw new DomainException("A note cannot be written on a Sunday."); });
        notes.MapPost("/missing", () => { throw new NotFoundException("Note BTK-404 is not in the ledger."); });
        notes.MapPost("/conflict", LoseARace);
        notes.MapPost("/boom", () => { throw new InvalidOperationException("secret internals at Ledger.Something"); });
        notes.MapPost("/database-down", () => { throw new NpgsqlException("connection refused", new TimeoutException()); });

        groups.Verification.MapGet("/test-echo/{number}", (string number) => TypedResults.Ok(new { number }));
        groups.Analytics.MapGet("/test-ping", () => TypedResults.Ok(new { pong = true }));
    }

    static async Task<Results<Created<NoteWrittenResponse>, ValidationProblem>> Write(WriteNote body, CommandContext command, IDocumentStore store)
    {
        var errors = new FieldErrors()
            .Required("text", body.Text)
            .Check("copies", body.Copies is >= 1 and <= 10, "Copies must be between 1 and 10.");
        if (errors.Any) return errors.Problem();

        var id = Guid.NewGuid();
        await using var session = Session(store, command);
        session.Events.StartStream(id, new NoteWritten(id, body.Text!, body.Copies, command.At));
        await session.SaveChangesAsync();
        const long version = 1;
        command.Written(version);
        return TypedResults.Created($"/api/registry/test-notes/{id}", new NoteWrittenResponse(id, version, command.Actor, command.CorrelationId));
    }

    static async Task<Results<Ok<NoteWrittenResponse>, ValidationProblem>> Amend(Guid id, AmendNote body, CommandContext command, IDocumentStore store)
    {
        var errors = new FieldErrors().Required("text", body.Text);
        if (errors.Any) return errors.Problem();

        await using var session = Session(store, command);
        session.SetHeader(LedgerStore.ReasonHeader, "amended");
        var current = await session.Events.FetchStreamStateAsync(id) ?? throw new NotFoundException($"Note {id} is not in the ledger.");
        var seen = command.ExpectedVersion ?? current.Version;
        session.Events.AppendAtSeenVersion(id, seen, new NoteAmended(id, body.Text!, command.At));
        await session.SaveChangesAsync();
        var version = seen + 1;
        command.Written(version);
        return TypedResults.Ok(new NoteWrittenResponse(id, version, command.Actor, command.CorrelationId));
    }

    /// <summary>Writes a note of four events, then appends as if it had seen only two: Marten refuses it at saving.</summary>
    static async Task<NoContent> LoseARace(CommandContext command, IDocumentStore store)
    {
        var id = Guid.NewGuid();
        await using (var session = Session(store, command))
        {
            session.Events.StartStream(id, new NoteWritten(id, "first", 1, command.At), new NoteAmended(id, "second", command.At),
                new NoteAmended(id, "third", command.At), new NoteAmended(id, "fourth", command.At));
            await session.SaveChangesAsync();
        }
        await using (var stale = Session(store, command))
        {
            stale.Events.AppendAtSeenVersion(id, 2, new NoteAmended(id, "too late", command.At));
            await stale.SaveChangesAsync();
        }
        return TypedResults.NoContent();
    }

    static IDocumentSession Session(IDocumentStore store, CommandContext command)
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = command.Actor;
        session.CorrelationId = command.CorrelationId;
        if (command.IdempotencyKey is { } key) session.SetHeader(LedgerStore.IdempotencyKeyHeader, key);
        return session;
    }
}
