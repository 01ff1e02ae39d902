using System.Text.Json;
using Ledger.Domain;

namespace Ledger.Tests.Domain;

/// <summary>Given events, when a decision, then events or a refusal: the shape of every domain test.</summary>
public static class Scenario
{
    public static Given<T> Given<T>(params object[] events) where T : IAggregate<T> => new(events.Aggregate(T.Initial, T.Fold));
}

public sealed class Given<T>(T state)
{
    public T State { get; } = state;

    public When When(Func<T, IReadOnlyList<object>> decide) => new(() => decide(State));
}

public sealed class When(Func<IReadOnlyList<object>> decide)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The decision records exactly <paramref name="expected"/>, compared by type and content.</summary>
    public void Then(params object[] expected) =>
        decide().Select(Describe).ShouldBe(expected.Select(Describe));

    /// <summary>The decision is refused with a message containing <paramref name="message"/>.</summary>
    public DomainException ThenRefused(string message)
    {
        var error = Should.Throw<DomainException>(() => decide());
        error.Message.ShouldContain(message, Case.Insensitive);
        return error;
    }

    static string Describe(object e) => $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType(), Json)}";
}
