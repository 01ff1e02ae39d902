using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Domain;

/// <summary>
/// The ledger's one vocabulary for the words it answers with: lower case, words joined by a hyphen (<c>valid</c>,
/// <c>not-issued</c>, <c>in-force</c>, <c>state-owned-firm</c>, <c>motif-design</c>), the same in the lookup, the audit,
/// the registry, the analytics and their CSV. An enum of such words carries this as its JSON converter; the read
/// models store the same words (<see cref="Of"/>).
/// </summary>
public sealed class StatusWords<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.KebabCaseLower) where T : struct, Enum
{
    /// <summary>
    /// The word for <paramref name="value"/>, as JSON writes it: the member's <see cref="JsonStringEnumMemberNameAttribute"/>
    /// where it has one (an enum stored in events pins its words so), else its name in lower case with hyphens.
    /// </summary>
    public static string Of(T value) => Words[value];

    static readonly Dictionary<T, string> Words = Enum.GetValues<T>().ToDictionary(v => v, v =>
        typeof(T).GetField(v.ToString())?.GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false)
            .OfType<JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name
        ?? JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));
}
