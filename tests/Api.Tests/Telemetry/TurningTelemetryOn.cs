using Ledger.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ledger.Api.Tests.Telemetry;

/// <summary>Which settings turn telemetry on, and that off means nothing registered at all.</summary>
public sealed class TurningTelemetryOn
{
    [Fact]
    public void without_an_endpoint_no_provider_listener_or_exporter_is_registered()
    {
        var services = Compose();

        services.ShouldNotContain(d => d.ServiceType == typeof(TracerProvider) || d.ServiceType == typeof(MeterProvider));
        services.ShouldNotContain(d => d.ServiceType.Namespace != null && d.ServiceType.Namespace.StartsWith("OpenTelemetry"));
    }

    [Fact]
    public void an_otlp_endpoint_turns_tracing_metrics_and_their_export_on()
    {
        var services = Compose((LedgerTelemetry.OtlpEndpoint, "http://127.0.0.1:4317"));

        services.ShouldContain(d => d.ServiceType == typeof(TracerProvider));
        services.ShouldContain(d => d.ServiceType == typeof(MeterProvider));
    }

    [Theory]
    [InlineData(null, null, null, false, false)]
    [InlineData("http://collector:4317", null, null, true, true)]
    [InlineData(null, "true", null, true, false)]
    [InlineData("http://collector:4317", "false", null, false, false)]
    [InlineData(null, "true", "true", false, false)]
    [InlineData("http://collector:4317", null, "true", false, false)]
    public void the_endpoint_turns_it_on_the_setting_decides_without_it_and_the_sdk_switch_turns_it_off(
        string? endpoint, string? enabled, string? sdkDisabled, bool on, bool exports)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LedgerTelemetry.OtlpEndpoint] = endpoint,
            [LedgerTelemetry.EnabledSetting] = enabled,
            ["OTEL_SDK_DISABLED"] = sdkDisabled,
        }).Build();

        LedgerTelemetry.IsOn(configuration).ShouldBe(on);
        LedgerTelemetry.Exports(configuration).ShouldBe(exports);
    }

    static IServiceCollection Compose(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddLedgerTelemetry();
        return builder.Services;
    }
}
