namespace Ledger.Store;

/// <summary>
/// The version a stream must be at for an append to go through: the number of events it holds
/// before the append. <see cref="NoStream"/> means the stream must not exist yet; <see cref="Any"/>
/// appends whatever the version is.
/// </summary>
public static class ExpectedVersion
{
    public const long Any = -1;
    public const long NoStream = 0;
}
