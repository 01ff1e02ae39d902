using System.Globalization;
using Ledger.Domain;
using Wolverine;

namespace Ledger.Commands;

/// <summary>
/// Sends a command through Wolverine and answers what it recorded. How it is carried out travels in the envelope's
/// headers: the version the caller expects (a mismatch is a <see cref="StaleVersionException"/>, never retried), the
/// idempotency key (a command given again under it is answered from what it recorded), and the correlation.
/// </summary>
public static class CommandDelivery
{
    public const string ExpectedVersionHeader = "ledger-expected-version";
    public const string IdempotencyKeyHeader = "ledger-idempotency-key";
    public const string CausationHeader = "causation-id";

    public static Task<CommandResult> RecordAsync(this ICommandBus bus, ICommand command, CommandOptions? options = null, CancellationToken ct = default)
    {
        // No stream can have the empty id, and Marten refuses to fetch one: it is a record that does not exist.
        if (command.StreamId == Guid.Empty) throw new NotFoundException("Nothing is recorded under the empty id.");
        var delivery = new DeliveryOptions();
        if (options?.ExpectedVersion is { } version) delivery.Headers[ExpectedVersionHeader] = version.ToString(CultureInfo.InvariantCulture);
        if (options?.IdempotencyKey is { } key) delivery.Headers[IdempotencyKeyHeader] = key;
        if (options?.CorrelationId is { } correlation) delivery.CorrelationId = correlation;
        if (options?.CausationId is { } causation) delivery.CausationId = causation;
        return bus.InvokeAsync<CommandResult>(command, delivery, ct);
    }

    internal static long? ExpectedVersion(Envelope envelope) =>
        envelope.Headers.GetValueOrDefault(ExpectedVersionHeader) is { } value
            ? long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
}
