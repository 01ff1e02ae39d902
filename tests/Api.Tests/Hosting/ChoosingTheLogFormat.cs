using Ledger.Api.Hosting;
using Ledger.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Tests.Hosting;

/// <summary>JSON lines for collectors by default; a console for people when the setting (or Development) asks, with the request's scope in both.</summary>
public sealed class ChoosingTheLogFormat
{
    [Theory]
    [InlineData("Production", null, "json")]
    [InlineData("Development", null, "simple")]
    [InlineData("Production", "simple", "simple")]
    [InlineData("Development", "json", "json")]
    public void the_setting_chooses_the_formatter_else_development_reads_simple_and_the_rest_json(string environment, string? setting, string expected)
    {
        using var services = Compose(environment, setting);

        services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.ShouldBe(expected);
    }

    [Theory]
    [InlineData("simple")]
    [InlineData("json")]
    public async Task either_format_shows_the_requests_correlation_id_and_path(string formatter)
    {
        var builder = Builder("Production", formatter);
        var written = new FormattedLines();
        builder.Services.AddSingleton<ILoggerProvider>(sp => written.With(sp.GetServices<ConsoleFormatter>().Single(f => f.Name == formatter)));
        using var services = builder.Services.BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseCorrelation();
        app.Run(http =>
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ledger.Api.Requests").LogInformation("Certificate looked up");
            return Task.CompletedTask;
        });
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Path = "/api/verify/LSPBATIK-2026-000001-8";
        http.Request.Headers[Correlation.Header] = "kiosk-17";

        await app.Build()(http);

        written.Text.ShouldContain("kiosk-17");
        written.Text.ShouldContain("/api/verify/LSPBATIK-2026-000001-8");
        written.Text.ShouldContain("Certificate looked up");
    }

    static ServiceProvider Compose(string environment, string? formatter) => Builder(environment, formatter).Services.BuildServiceProvider();

    static WebApplicationBuilder Builder(string environment, string? formatter)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = environment });
        if (formatter is not null) builder.Configuration[LedgerLogging.FormatterSetting] = formatter;
        builder.Logging.AddLedgerConsole(builder.Configuration, builder.Environment);
        return builder;
    }

    /// <summary>What the console would print, written by the host's own formatter with the logging scopes of the moment.</summary>
    sealed class FormattedLines : ILoggerProvider, ISupportExternalScope
    {
        readonly StringWriter text = new();
        ConsoleFormatter formatter = null!;
        IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public string Text { get { lock (text) return text.ToString(); } }

        public FormattedLines With(ConsoleFormatter used)
        {
            formatter = used;
            return this;
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose() { }

        sealed class Logger(FormattedLines owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> format)
            {
                lock (owner.text) owner.formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, format), owner.scopes, owner.text);
            }
        }
    }
}
