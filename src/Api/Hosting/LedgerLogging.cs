using Microsoft.Extensions.Logging.Console;

namespace Ledger.Api.Hosting;

/// <summary>
/// The host's log on standard output: JSON lines by default, one object a line for a collector to read; a console for
/// people (<c>simple</c>: level, category, the scope on a line of its own, the message) when
/// <c>Logging:Console:FormatterName</c> says so (<c>ops/run</c> passes <c>simple</c> when its output is a terminal) or
/// in Development. Either shows each line's scopes: the request's <c>CorrelationId</c> and <c>RequestPath</c> and,
/// while telemetry is on, its trace and span ids.
/// </summary>
public static class LedgerLogging
{
    /// <summary>The console formatter by name (<c>json</c>, <c>simple</c>, <c>systemd</c>), as ASP.NET Core reads it.</summary>
    public const string FormatterSetting = "Logging:Console:FormatterName";

    public static ILoggingBuilder AddLedgerConsole(this ILoggingBuilder logging, IConfiguration configuration, IHostEnvironment environment)
    {
        var formatter = FormatterName(configuration, environment);
        logging.AddConsole(o => o.FormatterName = formatter);
        logging.Services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        logging.Services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.Services.Configure<ConsoleFormatterOptions>(o => o.IncludeScopes = true);
        return logging;
    }

    /// <summary>The formatter the setting names, else <c>simple</c> in Development and <c>json</c> everywhere else.</summary>
    public static string FormatterName(IConfiguration configuration, IHostEnvironment environment) =>
        configuration[FormatterSetting] is { Length: > 0 } named ? named
        : environment.IsDevelopment() ? ConsoleFormatterNames.Simple
        : ConsoleFormatterNames.Json;
}
