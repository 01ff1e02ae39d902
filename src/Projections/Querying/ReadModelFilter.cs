namespace Ledger.Projections.Querying;

/// <summary>
/// The filters every analytics read accepts (each optional) and the page asked for. Province is the
/// regency code's first two digits (<c>35</c>), regency the full code (<c>35.23</c>). A year is the year a fact happened
/// (which fact, each read model says); <see cref="SignedYear"/> is an agreement's signing year.
/// </summary>
public sealed record ReadModelFilter(int? Year = null, string? Province = null, string? Regency = null, string? Scheme = null,
    int Page = 1, int PageSize = ReadModelFilter.DefaultPageSize, int? SignedYear = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public int Offset => (Page - 1) * PageSize;
}

/// <summary>One page of a read model's rows, with the total across all pages.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
