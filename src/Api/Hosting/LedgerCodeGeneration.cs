using JasperFx;
using JasperFx.CodeGeneration;

namespace Ledger.Api.Hosting;

/// <summary>
/// The code Wolverine generates around the ledger's command handlers. <c>codegen write</c> writes it ahead into this
/// project's <c>Internal/Generated</c> folder, which is compiled into Ledger.Api. Outside Development the host loads
/// those types as they are and compiles nothing (a handler whose type is missing stops the start); in Development
/// Wolverine generates and compiles each when a command first needs it.
/// </summary>
public static class LedgerCodeGeneration
{
    /// <summary>The assembly the generated types are compiled into (the host's), whichever assembly the handlers live in.</summary>
    public static System.Reflection.Assembly Assembly => typeof(LedgerCodeGeneration).Assembly;

    public static IServiceCollection AddLedgerCodeGeneration(this IServiceCollection services) =>
        services.CritterStackDefaults(options =>
        {
            options.ApplicationAssembly = Assembly;
            options.Production.GeneratedCodeMode = TypeLoadMode.Static;
            options.Production.AssertAllPreGeneratedTypesExist = true;
            options.Development.GeneratedCodeMode = TypeLoadMode.Dynamic;
            if (ProjectFolder() is { } folder) options.GeneratedCodeOutputPath = Path.Combine(folder, "Internal", "Generated");
        });

    /// <summary>The folder of Ledger.Api.csproj above the build output, when the host runs from a checkout (where <c>codegen write</c> runs).</summary>
    static string? ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.Api.csproj"))) return dir.FullName;
        return null;
    }
}
