using Ledger.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Projections.Daemon;

/// <summary>Hosting the daemon: <c>services.AddProjectionDaemon(o => ...).AddAsyncProjection&lt;RegencyTotalsProjection&gt;()</c>.</summary>
public static class ProjectionDaemonRegistration
{
    /// <summary>Registers the daemon as a hosted service (and as itself, for status and rebuilds); needs an <see cref="EventStore"/> singleton.</summary>
    public static IServiceCollection AddProjectionDaemon(this IServiceCollection services, Action<ProjectionDaemonOptions>? configure = null)
    {
        var options = new ProjectionDaemonOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new ProjectionDaemon(
            sp.GetRequiredService<EventStore>(),
            sp.GetServices<IAsyncProjection>(),
            sp.GetRequiredService<ProjectionDaemonOptions>(),
            sp.GetService<ILogger<ProjectionDaemon>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionDaemon>());
        return services;
    }

    /// <summary>Adds an async projection for the daemon to run.</summary>
    public static IServiceCollection AddAsyncProjection<T>(this IServiceCollection services) where T : class, IAsyncProjection
    {
        services.AddSingleton<IAsyncProjection, T>();
        return services;
    }

    /// <summary>Adds an async projection instance for the daemon to run.</summary>
    public static IServiceCollection AddAsyncProjection(this IServiceCollection services, IAsyncProjection projection)
    {
        services.AddSingleton(projection);
        return services;
    }
}
