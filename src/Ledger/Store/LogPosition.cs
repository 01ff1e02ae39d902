namespace Ledger.Store;

/// <summary>
/// A position in the committed log that projections read: the writing transaction, then the sequence
/// number within it. Positions only grow, even when transactions commit out of sequence order.
/// </summary>
public readonly record struct LogPosition(ulong TransactionId, long Sequence) : IComparable<LogPosition>
{
    public static readonly LogPosition Start = new(0, 0);

    public static LogPosition Of(StoredEvent e) => new(e.TransactionId, e.Sequence);

    public int CompareTo(LogPosition other) =>
        TransactionId != other.TransactionId ? TransactionId.CompareTo(other.TransactionId) : Sequence.CompareTo(other.Sequence);
}
