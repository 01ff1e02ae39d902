using JasperFx.CommandLine;
using Ledger.Api.Hosting;
using Ledger.Certifications;
using Ledger.Marten;
using Ledger.Projections.Regencies;

namespace Ledger.Api.Verbs;

/// <summary>What <c>import</c> loads.</summary>
public enum ImportedList
{
    /// <summary>The official regency list: <c>code,name,kind,province_code,province_name</c>.</summary>
    regencies,

    /// <summary>A paper register of certifications (<see cref="PaperRegister"/>): one whole certification per row.</summary>
    certificates,
}

public sealed class ImportInput : NetCoreInput
{
    [Description("What the file holds: regencies or certificates")]
    public ImportedList List { get; set; }

    [Description("The CSV file: regencies (code,name,kind,province_code,province_name) or certificates (a paper register; see the README)")]
    public string File { get; set; } = "";

    [Description("certificates: the registrar the imported events name as their user (default import:<login name>)")]
    [FlagAlias("registrar")]
    public string? RegistrarFlag { get; set; }
}

/// <summary>
/// <c>import regencies &lt;csv&gt;</c>: loads the official regency list into its reference table; a second import of the
/// same list changes nothing. <c>import certificates &lt;csv&gt;</c>: records a paper register's certifications
/// (<see cref="CertificateImport"/>), its progress on stderr (a bar on a terminal, lines otherwise), every refused row
/// and the counts on stdout; exits <see cref="VerbExitCodes.RowsRefused"/> when a row was refused.
/// </summary>
[Description("Load a reference list or a paper register: import regencies <csv>, import certificates <csv>", Name = "import")]
public sealed class ImportVerb : LedgerVerb<ImportInput>
{
    public ImportVerb()
    {
        Usage("Load the official regency list, or record a paper register of certifications").Arguments(x => x.List, x => x.File)
            .ValidFlags(x => x.RegistrarFlag!);
    }

    protected override async Task<int> RunAsync(ImportInput input, IServiceProvider services)
    {
        if (!System.IO.File.Exists(input.File))
        {
            await Console.Error.WriteLineAsync($"error: no file {input.File}");
            return VerbExitCodes.Failed;
        }
        if (input.List == ImportedList.certificates) return await ImportCertificatesAsync(input, services);
        await services.MigrateAsync();
        try
        {
            Console.WriteLine($"imported {await RegencyImport.ImportFileAsync(services.GetRequiredService<LedgerDatabase>(), input.File)} regencies");
            return VerbExitCodes.Done;
        }
        catch (RegencyFileException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return VerbExitCodes.Failed;
        }
    }

    static async Task<int> ImportCertificatesAsync(ImportInput input, IServiceProvider services)
    {
        PaperRegister register;
        try
        {
            register = PaperRegister.Parse(await System.IO.File.ReadAllTextAsync(input.File));
        }
        catch (PaperRegisterException e)
        {
            await Console.Error.WriteLineAsync($"error: {input.File}: {e.Message}");
            return VerbExitCodes.Failed;
        }
        using var host = await CommandsHost.StartAsync(services.GetRequiredService<IConfiguration>());
        var time = host.Services.GetRequiredService<TimeProvider>();
        var source = new ImportSource(input.RegistrarFlag ?? $"import:{Environment.UserName}", time.GetUtcNow(),
            $"{Path.GetFileName(input.File)} sha256:{register.Digest}", $"import-{register.Digest}");
        var bar = new ImportProgress(register.Rows.Count, Console.Error, drawn: !Console.IsErrorRedirected);
        var report = await host.Services.GetRequiredService<CertificateImport>().ImportAsync(register, source, new LineProgress(bar.Report));
        bar.Finish();
        foreach (var line in report.Lines.Where(l => l.Outcome == ImportOutcome.Refused)) Console.WriteLine(line);
        Console.WriteLine(report.Summary);
        await host.StopAsync();
        return report.Refused > 0 ? VerbExitCodes.RowsRefused : VerbExitCodes.Done;
    }
}
