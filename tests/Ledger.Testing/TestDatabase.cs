using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Ledger.Testing;

/// <summary>
/// The real PostgreSQL the tests run against: <c>LEDGER_DB</c>, as <c>ops/db</c> prints it, or the
/// private cluster's default address. One data source per test process.
/// </summary>
public static class TestDatabase
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5433;Database=ledger;Username=postgres";

    static readonly Lazy<NpgsqlDataSource> Shared = new(() => Create());

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("LEDGER_DB") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public static NpgsqlDataSource DataSource => Shared.Value;

    /// <summary>A data source of its own, e.g. for a second host or a connection that a test breaks.</summary>
    public static NpgsqlDataSource Create(string? applicationName = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (applicationName is not null) builder.ApplicationName = applicationName;
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>
    /// A schema name for a test class: readable, stable from run to run (so a failed test's state can be
    /// inspected), and distinct across test projects and across checkouts sharing one database.
    /// </summary>
    public static string SchemaFor(Type testClass)
    {
        var identity = $"{testClass.FullName ?? testClass.Name}@{AppContext.BaseDirectory}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..8].ToLowerInvariant();
        var name = new string(testClass.Name.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
        return $"t_{name[..Math.Min(name.Length, 40)]}_{hash}";
    }

    public static async Task DropSchemaAsync(string schema)
    {
        await using var command = DataSource.CreateCommand($"drop schema if exists \"{schema}\" cascade");
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await command.ExecuteNonQueryAsync();
    }
}
