using System.Text.Json.Serialization;
using Ledger.Domain;

namespace Ledger.Training;

/// <summary>The field a training programme teaches, spelled once (<see cref="TrainingFields.Name"/>) in events, the API, the tables and CSV.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainingField>))]
public enum TrainingField
{
    [JsonStringEnumMemberName("batik")] Batik,
    [JsonStringEnumMemberName("colouring")] Colouring,
    [JsonStringEnumMemberName("motif-design")] MotifDesign,
    [JsonStringEnumMemberName("ecoprint")] Ecoprint,
    [JsonStringEnumMemberName("weaving")] Weaving,
    [JsonStringEnumMemberName("natural-fibre-plaiting")] NaturalFibrePlaiting,
    [JsonStringEnumMemberName("local-content-certification")] LocalContentCertification,
}

/// <summary>The one spelling of each training field.</summary>
public static class TrainingFields
{
    public static IReadOnlyList<TrainingField> All { get; } = Enum.GetValues<TrainingField>();

    public static string Name(this TrainingField field) => StatusWords<TrainingField>.Of(field);

    /// <summary>The field spelled <paramref name="name"/> (case-insensitive), or null when none is.</summary>
    public static TrainingField? Parse(string? name) =>
        All.Select(f => (TrainingField?)f).FirstOrDefault(f => string.Equals(f!.Value.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Every spelling, for messages that list them.</summary>
    public static string Listed { get; } = string.Join(", ", All.Select(f => f.Name()));
}
