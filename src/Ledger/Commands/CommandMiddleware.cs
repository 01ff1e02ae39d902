using Ledger.Domain;
using Ledger.Marten;
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
    public static CommandAttempt Before(Envelope envelope, IDocumentSession session)
    {
        var command = (ICommand)envelope.Message!;
        Rules.Actor(command);
        session.LastModifiedBy = command.Actor;
        // Wolverine takes the causation from its own conversation unless the sender named one.
        session.CausationId = envelope.Headers.GetValueOrDefault(CommandDelivery.CausationHeader);
        if (command is IGivenForAReason { Reason: { } reason }) session.SetHeader(LedgerStore.ReasonHeader, reason);
        var key = envelope.Headers.GetValueOrDefault(CommandDelivery.IdempotencyKeyHeader);
        if (key is not null) session.SetHeader(LedgerStore.IdempotencyKeyHeader, key);
        return new CommandAttempt(session, command, CommandDelivery.ExpectedVersion(envelope), key);
    }
}

/// <summary>A command whose reason (or grounds) is kept in its events' <c>reason</c> header.</summary>
public interface IGivenForAReason
{
    string? Reason { get; }
}
