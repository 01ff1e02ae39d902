using JasperFx.CommandLine;
using Ledger.Api.Hosting;
using Ledger.Marten;
using Ledger.Projections.Regencies;

namespace Ledger.Api.Verbs;

/// <summary>What <c>import</c> loads.</summary>
public enum ImportedList
{
    /// <summary>The official regency list: <c>code,name,kind,province_code,province_name</c>.</summary>
    regencies,
}

public sealed class ImportInput : NetCoreInput
{
    [Description("What the file holds: regencies")]
    public ImportedList List { get; set; }

    [Description("The CSV file (code,name,kind,province_code,province_name)")]
    public string File { get; set; } = "";
}

/// <summary><c>import regencies &lt;csv&gt;</c>: loads the official regency list into its reference table; a second import of the same list changes nothing.</summary>
[Description("Load a reference list: import regencies <csv>", Name = "import")]
public sealed class ImportVerb : LedgerVerb<ImportInput>
{
    public ImportVerb()
    {
        Usage("Load the official regency list").Arguments(x => x.List, x => x.File);
    }

    protected override async Task<int> RunAsync(ImportInput input, IServiceProvider services)
    {
        if (!System.IO.File.Exists(input.File))
        {
            await Console.Error.WriteLineAsync($"error: no file {input.File}");
            return VerbExitCodes.Failed;
        }
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
}
