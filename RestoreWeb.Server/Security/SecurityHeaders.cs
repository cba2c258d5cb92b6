namespace RestoreWeb.Server.Security;

/// <summary>Headers that tell the browser to refuse content sniffing, framing, foreign scripts and leaky referrers.</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseRestoreWebSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            // Decided now: the dashboard moves its prefix into PathBase while it answers.
            bool dashboard = context.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase);
            // Set when the answer starts rather than now: the exception handler and the status-code pages clear the
            // headers of a response they replace, and error answers need the headers as much as any other.
            context.Response.OnStarting(static state =>
            {
                var (http, forDashboard) = ((HttpContext, bool))state;
                Apply(http, forDashboard);
                return Task.CompletedTask;
            }, (context, dashboard));
            return next(context);
        });

    private static void Apply(HttpContext context, bool dashboard)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Links to other sites learn only the origin, never a photo's or album's address.
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers.ContentSecurityPolicy = dashboard
            ? ContentSecurityPolicy.ForJobDashboard
            : ContentSecurityPolicy.ForApp(ContentSecurityPolicy.Nonce(context));
    }
}
