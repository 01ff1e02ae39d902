namespace Ledger.Api.Health;

/// <summary>
/// Something <c>/health/ready</c> checks besides the database and the schema (the projection daemon's
/// lag, for one). Register implementations as services; a failing check makes the host not ready.
/// </summary>
public interface IReadinessCheck
{
    /// <summary>The key under <c>checks</c> in the readiness answer, e.g. <c>daemon</c>.</summary>
    string Name { get; }

    Task<CheckResult> CheckAsync(CancellationToken ct);
}

/// <summary>One check's outcome: <c>ok</c> or <c>failing</c>, with what it saw.</summary>
public sealed record CheckResult(string Status, IReadOnlyDictionary<string, object?>? Data = null)
{
    public const string Ok = "ok";
    public const string Failing = "failing";

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Passed => Status == Ok;
}
