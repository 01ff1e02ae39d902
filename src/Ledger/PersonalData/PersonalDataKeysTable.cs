using Ledger.Store.Schema;

namespace Ledger.PersonalData;

/// <summary>
/// <c>personal_data_keys</c>: one random AES key per data subject (an artisan). Deleting a row is the
/// erasure: the sealed fields in the events stay, but nobody can read them any more.
/// </summary>
public static class PersonalDataKeysTable
{
    public static readonly Migration Create = new(100, "personal data keys", s => $"""
        create table {s}.personal_data_keys (
            subject_id  uuid primary key,
            key         bytea not null,
            created_at  timestamptz not null
        );
        """);

    public static string Insert(string s) =>
        $"insert into {s}.personal_data_keys (subject_id, key, created_at) values ($1, $2, $3) on conflict (subject_id) do nothing";

    public static string Select(string s) => $"select key from {s}.personal_data_keys where subject_id = $1";

    public static string Delete(string s) => $"delete from {s}.personal_data_keys where subject_id = $1";
}

/// <summary>
/// <c>artisan_nik_hashes</c>: the keyed hash of every registered NIK, unique, written in the registration's
/// own transaction, so that two concurrent registrations of the same person cannot both commit.
/// </summary>
public static class ArtisanNikHashesTable
{
    public const string UniqueConstraint = "artisan_nik_hashes_pkey";

    public static readonly Migration Create = new(101, "artisan NIK hashes", s => $"""
        create table {s}.artisan_nik_hashes (
            nik_hash    text not null,
            artisan_id  uuid not null unique,
            constraint {UniqueConstraint} primary key (nik_hash)
        );
        """);

    public static string Insert(string s) => $"insert into {s}.artisan_nik_hashes (nik_hash, artisan_id) values ($1, $2)";

    public static string Update(string s) => $"update {s}.artisan_nik_hashes set nik_hash = $1 where artisan_id = $2";
}
