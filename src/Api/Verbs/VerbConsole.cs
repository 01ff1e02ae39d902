using Microsoft.Extensions.Logging.Console;
using Spectre.Console;

namespace Ledger.Api.Verbs;

/// <summary>
/// Where the command line writes: a verb's answer on stdout, everything else on stderr, so that
/// <c>TOKEN=$(ops/run token registrar)</c> holds the token and nothing more.
/// </summary>
public static class VerbConsole
{
    /// <summary>
    /// Sends JasperFx's console (its help, its errors, and the assemblies it searched for verbs, which it lists before
    /// every verb) to stderr; when <paramref name="args"/> name a verb, the host's log too, from warnings up (a serving
    /// host logs as <see cref="Hosting.LedgerApiHosting"/> configures it).
    /// </summary>
    public static WebApplicationBuilder AddVerbConsole(this WebApplicationBuilder builder, string[] args)
    {
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (NamesAVerb(args))
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        return builder;
    }

    /// <summary>True when the arguments start with a verb; no arguments, or options only, serve (JasperFx's <c>run</c>).</summary>
    public static bool NamesAVerb(string[] args) => args is [var first, ..] && !first.StartsWith('-') && first != "run";
}
