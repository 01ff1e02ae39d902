namespace Ledger.Api.Telemetry;

/// <summary>
/// Counts every answer with a 4xx or 5xx status into <c>ledger.http.errors</c>, with the route it matched (read as the
/// request starts: the exception handler forgets it when it replaces a failed answer). Outermost in the pipeline, it
/// sees the status the client gets, problem details included.
/// </summary>
public static class RequestErrors
{
    public static IApplicationBuilder UseRequestErrorMetrics(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<LedgerMetrics>();
        return app.Use(async (http, next) =>
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            try
            {
                await next(http);
            }
            catch
            {
                metrics.RequestFailed(StatusCodes.Status500InternalServerError, http.Request.Method, route);
                throw;
            }
            if (http.Response.StatusCode >= 400) metrics.RequestFailed(http.Response.StatusCode, http.Request.Method, route);
        });
    }
}
