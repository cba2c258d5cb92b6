namespace RestoreWeb.Server.Http;

/// <summary>Requests answered with JSON and problem details rather than pages.</summary>
public static class ApiPaths
{
    public static bool IsApi(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            // A metrics scraper is answered 401/403, not sent to the sign-in page.
            || request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
    }
}
