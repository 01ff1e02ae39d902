using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Ledger.Api.Telemetry;

/// <summary>
/// Which traces start: those of work (a request, a Wolverine message, a page of events Marten's daemon projects), not
/// those of the host's background polling, which would otherwise export several traces a second from an idle node.
/// A span with a parent follows its parent's decision; a root span is dropped when it is a database command outside
/// any work (a client span: the daemon's and Wolverine's polls and heartbeats, a pool opening a connection) or one of
/// the known polls (<see cref="Polls"/>), and kept otherwise.
/// </summary>
public sealed class WorkOnlySampler() : Sampler
{
    /// <summary>Root spans of periodic polls: Marten's high-water mark, Wolverine's node assignments.</summary>
    public static readonly IReadOnlySet<string> Polls = new HashSet<string>(StringComparer.Ordinal)
    {
        "marten.daemon.highwatermark",
        "wolverine_node_assignments",
    };

    static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    /// <summary>The sampler to install: this one for root spans, the parent's decision for every other span.</summary>
    public static Sampler ParentBased() => new ParentBasedSampler(new WorkOnlySampler());

    public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
        parameters.Kind == ActivityKind.Client || Polls.Contains(parameters.Name) ? Drop : Keep;
}
