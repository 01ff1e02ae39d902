using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;

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
}
