using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ledger.Testing;

/// <summary>The API's <c>Program</c> under a <c>WebApplicationFactory</c>, as the API and pages tests start it.</summary>
public static class HostUnderTest
{
    /// <summary>
    /// <c>Program</c> ends in JasperFx's command line, which the factory hands its settings as arguments (<c>--Ledger:Schema=...</c>):
    /// JasperFx starts the host it was given and lets them pass, instead of refusing them as options of its <c>run</c> verb.
    /// </summary>
    public static void StartThroughTheCommandLine() => JasperFxEnvironment.AutoStartHost = true;

    /// <summary>
    /// The handlers run the code generated ahead (src/Api/Internal/Generated), as in production, rather than code compiled at
    /// start as Development would: the host starts without the compiler, and the tests run what production runs.
    /// </summary>
    public static IServiceCollection RunTheCodeGeneratedAhead(this IServiceCollection services) =>
        services.CritterStackDefaults(options => options.Development.GeneratedCodeMode = TypeLoadMode.Static);

    /// <summary>
    /// Stops the host through <c>Program</c>'s own run loop and waits until it has stopped. <c>Program</c> runs the host
    /// under JasperFx's <c>run</c> verb, which stops it when the application is stopping; a test host's disposal stops it
    /// too. Started together, the two stops race over the same services (Marten's projection coordinator disposes the
    /// cancellation source the other is cancelling); one after the other, the second finds everything stopped. Call it
    /// before disposing the factory or the Alba host.
    /// </summary>
    public static async Task StopOnceAsync(this IServiceProvider services)
    {
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());
        lifetime.StopApplication();
        await Task.WhenAny(stopped.Task, Task.Delay(TimeSpan.FromSeconds(30)));
    }
}
