using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ledger.Agreements;
using Ledger.Certifications;
using Ledger.Commands;
using Ledger.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NpgsqlTypes;
using Wolverine;

namespace Ledger.Bench;

/// <summary>
/// A generated paper register of 10,000 certifications (20 regencies of Jawa Timur, each under a PKS of its own, one LSP)
/// imported through <see cref="CertificateImport"/>: each row's artisan, enrollment, acceptance, assessment, decision,
/// certificate and handover, its quota seat and its number, with the hash chain, the inline views and the scheduled
/// expiries, in chunks of 250 rows a transaction; beside binary COPY of the very rows it appended (read back from
/// <c>mt_events</c>) into <c>plain_events</c>, in as many transactions.
/// </summary>
public static class ImportWorkload
{
    const string Scheme = "PEMBATIK-TULIS";
    const string Lsp = "LSPBENCH";
    const string Actor = "registrar:bench";

    public static async Task RunAsync(BenchDatabase bench, Report report, IHost commands, int rows)
    {
        var importer = commands.Services.GetRequiredService<CertificateImport>();
        var regencies = await SignAgreementsAsync(commands.Services.GetRequiredService<IMessageBus>(), rows);
        var register = PaperRegister.Parse(Generate(rows, regencies));
        var before = await MaxSequenceAsync(bench);
        Console.Error.WriteLine($"import: {rows:N0} generated rows over {regencies.Length} regencies, in chunks of {importer.ChunkSize}");

        var stopwatch = Stopwatch.StartNew();
        var imported = await importer.ImportAsync(register, new ImportSource(Actor, DateTimeOffset.UtcNow, "bench.csv"));
        var ours = imported.Recorded / stopwatch.Elapsed.TotalSeconds;
        if (imported.Recorded != rows)
            throw new InvalidOperationException($"The generated register was not all recorded: {imported.Summary}; first refusal: " +
                imported.Lines.FirstOrDefault(l => l.Outcome == ImportOutcome.Refused));
        var events = await MaxSequenceAsync(bench);
        var plain = await CopyAsync(bench, before, rows, (int)Math.Ceiling(rows / (double)importer.ChunkSize));

        report.Add($"import of a paper register, {rows:N0} rows, {importer.ChunkSize} a transaction", "certifications/s", ours, plain,
            "binary COPY of the same event rows into a plain table, as many transactions", null);
        report.Note($"import: the aim is {Aim:N0} certifications/s: {(ours >= Aim ? "met" : "missed")} ({ours:N0}).");
        report.Note($"import: {imported.Summary} in {stopwatch.Elapsed.TotalSeconds:F1} s; {events - before:N0} events in the log after it " +
            $"(about {(events - before) / (double)rows:F1} per certification), load average {LoadAverage()}");
    }

    /// <summary>The issue's aim for an import, in certifications a second.</summary>
    const double Aim = 500;

    /// <summary>An MoU and a PKS for each of 20 regencies, signed three years ago, with seats enough for the rows.</summary>
    static async Task<string[]> SignAgreementsAsync(IMessageBus bus, int rows)
    {
        var regencies = Enumerable.Range(1, 20).Select(k => $"35.{k:D2}").ToArray();
        var at = DateTimeOffset.UtcNow;
        var today = Days.InJakarta(at);
        foreach (var regency in regencies)
        {
            var mou = Guid.NewGuid();
            await bus.RecordAsync(new SignMou(mou, regency, "BBSPJIKB Yogyakarta", "Bupati", "Kepala BBSPJIKB", today.AddYears(-3), today.AddYears(3), Actor, at));
            await bus.RecordAsync(new SignPks(Guid.NewGuid(), mou, $"Dinas Perindustrian {regency}", "Kepala Dinas", "Kepala BBSPJIKB",
                today.AddYears(-3), today.AddYears(3), [Scheme], rows, "kompor listrik", Actor, at));
        }
        return regencies;
    }

    /// <summary>The register's text: every row a different artisan, its facts spread over the last year, handed over six weeks after issue.</summary>
    static string Generate(int rows, string[] regencies)
    {
        var today = Days.InJakarta(DateTimeOffset.UtcNow);
        var csv = new StringBuilder(PaperRegister.Example.Split('\n')[0]).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var regency = regencies[i % regencies.Length];
            var enrolled = today.AddDays(-400 + i % 300);
            string Day(int plus) => enrolled.AddDays(plus).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture,
                $"{regency.Replace(".", "")}{i:D12},Perajin {i},{(i % 3 == 0 ? "M" : "F")},{1960 + i % 40},{regency},IKM Batik {i % 500},{Scheme},{Day(0)},{Day(3)},Asesor {i % 17}," +
                $"TUK Sewaktu {regency},C.13BTK01.001.2;C.13BTK01.002.2;C.13BTK01.003.2,K,Panel A {i % 7};Panel B {i % 11},{Day(9)},{Day(30)},{Lsp},BLK-{i:D6}," +
                $"PAPER/{i},{Day(45)},Bupati,Pendopo {regency}\n");
        }
        return csv.ToString();
    }

    static async Task<long> MaxSequenceAsync(BenchDatabase bench)
    {
        await using var command = bench.DataSource.CreateCommand($"select coalesce(max(seq_id), 0) from {BenchDatabase.SchemaName}.mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Certifications per second of a binary COPY of the rows the import appended, in <paramref name="transactions"/> transactions.</summary>
    static async Task<double> CopyAsync(BenchDatabase bench, long after, int certifications, int transactions)
    {
        var rows = new List<object[]>();
        await using (var read = bench.DataSource.CreateCommand($"""
            select id, stream_id, version, data::text, type, timestamp, mt_dotnet_type, correlation_id, headers::text, user_name
            from {BenchDatabase.SchemaName}.mt_events where seq_id > {after} order by seq_id
            """))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                rows.Add(row);
            }
        long seq;
        await using (var reserve = bench.DataSource.CreateCommand(
            $"select setval('{BenchDatabase.SchemaName}.plain_events_seq', nextval('{BenchDatabase.SchemaName}.plain_events_seq') + {rows.Count})"))
            seq = (long)(await reserve.ExecuteScalarAsync())! - rows.Count;

        var perTransaction = (int)Math.Ceiling(rows.Count / (double)transactions);
        var stopwatch = Stopwatch.StartNew();
        await using (var connection = await bench.DataSource.OpenConnectionAsync())
            foreach (var chunk in rows.Chunk(perTransaction))
            {
                await using var tx = await connection.BeginTransactionAsync();
                await using (var import = await connection.BeginBinaryImportAsync($"""
                    copy {BenchDatabase.SchemaName}.plain_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, headers, user_name)
                    from stdin (format binary)
                    """))
                {
                    foreach (var row in chunk)
                    {
                        await import.StartRowAsync();
                        await import.WriteAsync(seq++, NpgsqlDbType.Bigint);
                        await import.WriteAsync((Guid)row[0], NpgsqlDbType.Uuid);
                        await import.WriteAsync((Guid)row[1], NpgsqlDbType.Uuid);
                        await import.WriteAsync((long)row[2], NpgsqlDbType.Bigint);
                        await import.WriteAsync((string)row[3], NpgsqlDbType.Jsonb);
                        await import.WriteAsync((string)row[4], NpgsqlDbType.Varchar);
                        await import.WriteAsync((DateTime)row[5], NpgsqlDbType.TimestampTz);
                        await import.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar);
                        await WriteNullableAsync(import, row[6]);
                        await WriteNullableAsync(import, row[7]);
                        if (row[8] is string headers) await import.WriteAsync(headers, NpgsqlDbType.Jsonb); else await import.WriteNullAsync();
                        await WriteNullableAsync(import, row[9]);
                    }
                    await import.CompleteAsync();
                }
                await tx.CommitAsync();
            }
        return certifications / stopwatch.Elapsed.TotalSeconds;
    }

    static async Task WriteNullableAsync(Npgsql.NpgsqlBinaryImporter import, object value)
    {
        if (value is string text) await import.WriteAsync(text, NpgsqlDbType.Varchar);
        else await import.WriteNullAsync();
    }

    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
