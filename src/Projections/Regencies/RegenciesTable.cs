using Ledger.Store.Schema;

namespace Ledger.Projections.Regencies;

/// <summary><c>regencies</c>: the official list of regencies and cities (code <c>PP.KK</c>) with their provinces.</summary>
public static class RegenciesTable
{
    public static readonly Migration Create = new(202, "regencies reference table", s => $"""
        create table {s}.regencies (
            code           text primary key check (code ~ '^[0-9][0-9]\.[0-9][0-9]$'),
            name           text not null,
            kind           text not null check (kind in ('kabupaten', 'kota')),
            province_code  text not null check (province_code = left(code, 2)),
            province_name  text not null
        );
        create index regencies_province on {s}.regencies (province_code);
        """);
}
