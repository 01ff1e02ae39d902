using Ledger.Domain;
using System.Text.Json;
using Ledger.Marten;
using Ledger.PersonalData;
using Marten;
using Wolverine;

namespace Ledger.Commands;

/// <summary>
/// Runs before every command's handler, in the session Wolverine opened for it: checks that the command names its
/// actor and moment, stamps the events with the actor, the reason and the idempotency key (as Marten metadata and
/// headers, committed with them), and hands the handler its <see cref="CommandAttempt"/>.
/// </summary>
public static class CommandMiddleware
{
    public static CommandAttempt Before(Envelope envelope, IDocumentSession session, PersonalDataProtector personalData)
    {
        var command = (ICommand)envelope.Message!;
        Rules.Actor(command);
        session.LastModifiedBy = command.Actor;
        // Wolverine takes the causation from its own conversation unless the sender named one.
        session.CausationId = envelope.Headers.GetValueOrDefault(CommandDelivery.CausationHeader);
        if (command is IGivenForAReason { Reason: { } reason }) session.SetHeader(LedgerStore.ReasonHeader, reason);
        var key = envelope.Headers.GetValueOrDefault(CommandDelivery.IdempotencyKeyHeader);
        string? request = null;
        if (key is not null)
        {
            request = Fingerprint(command, personalData);
            session.SetHeader(LedgerStore.IdempotencyKeyHeader, key);
            session.SetHeader(LedgerStore.IdempotentRequestHeader, request);
        }
        return new CommandAttempt(session, command, CommandDelivery.ExpectedVersion(envelope), key, request);
    }

    /// <summary>The command as given, without the moment it acts at (a retry comes later, and is still the same request).</summary>
    static string Fingerprint(ICommand command, PersonalDataProtector personalData)
    {
        var json = JsonSerializer.SerializeToNode(command, command.GetType())!.AsObject();
        json.Remove(nameof(ICommand.At));
        return personalData.Fingerprint(JsonSerializer.SerializeToUtf8Bytes(json));
    }
}

/// <summary>A command whose reason (or grounds) is kept in its events' <c>reason</c> header.</summary>
public interface IGivenForAReason
{
    string? Reason { get; }
}
