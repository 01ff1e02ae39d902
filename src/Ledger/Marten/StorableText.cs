using System.Buffers;

namespace Ledger.Marten;

/// <summary>
/// The one rule for text the ledger accepts: PostgreSQL stores neither NUL (U+0000: 22021 in <c>text</c>, 22P05 in
/// <c>jsonb</c>) nor a lone UTF-16 surrogate (no UTF-8 encoding exists for it). The edge refuses such text in
/// requests, naming the field; the store refuses it again before it is sent (<see cref="StorableTextConverter"/>).
/// </summary>
public static class StorableText
{
    /// <summary>NUL and every surrogate; a surrogate is then looked at with its neighbour.</summary>
    static readonly SearchValues<char> Suspects =
        SearchValues.Create("\0" + new string(Enumerable.Range(0xD800, 0x800).Select(c => (char)c).ToArray()));

    /// <summary>The position of the first character PostgreSQL cannot store, or -1 when there is none.</summary>
    public static int FindUnstorable(ReadOnlySpan<char> text)
    {
        for (var offset = 0; ;)
        {
            var found = text[offset..].IndexOfAny(Suspects);
            if (found < 0) return -1;
            var at = offset + found;
            // A high surrogate followed by a low one is one character (e.g. an emoji); anything else is alone.
            if (!char.IsHighSurrogate(text[at]) || at + 1 >= text.Length || !char.IsLowSurrogate(text[at + 1])) return at;
            offset = at + 2;
        }
    }

    public static bool IsStorable(ReadOnlySpan<char> text) => FindUnstorable(text) < 0;

    /// <summary>Why <paramref name="text"/> cannot be stored, in a caller's words, or null when it can.</summary>
    public static string? Problem(ReadOnlySpan<char> text) => FindUnstorable(text) is var at and >= 0
        ? text[at] == '\0'
            ? $"The text contains a NUL character (U+0000) at position {at}, which the ledger cannot store."
            : $"The text contains an unpaired surrogate (U+{(int)text[at]:X4}) at position {at}, which is not a character and cannot be stored."
        : null;
}
