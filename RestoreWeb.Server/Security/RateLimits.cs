using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RestoreWeb.Server.Http;

namespace RestoreWeb.Server.Security;

/// <summary>
/// ASP.NET Core's rate limiter with two policies: sign-in per client address, uploads per account. A refused
/// request gets 429 problem details that say how long to wait, and a Retry-After header saying the same.
/// </summary>
public static class RateLimits
{
    public const string SignInPolicy = "sign-in";
    public const string UploadsPolicy = "uploads";

    public static IServiceCollection AddRestoreWebRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Behind a reverse proxy every request comes from the proxy unless it forwards the client's address;
            // see README, "Security and operations".
            limiter.AddPolicy(SignInPolicy, context => Partition(
                context, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", options => options.SignIn));
            // The upload endpoints require authentication, and authorization runs before the limiter.
            limiter.AddPolicy(UploadsPolicy, context => Partition(
                context, context.User.Identity?.IsAuthenticated == true ? context.User.Id() : "anonymous", options => options.Uploads));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string key, Func<SecurityOptions, RateLimitOptions> pick)
    {
        var limit = pick(context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = limit.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        int seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        string? policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        string detail = policy == UploadsPolicy
            ? $"Photos are arriving faster than this server accepts them from one account. Wait {seconds} second(s), then send the photos that were refused again."
            : $"Too many sign-in attempts from your network. Wait {seconds} second(s) and try again; if you forgot your password, reset it.";
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = detail,
                Extensions = { ["retryAfterSeconds"] = seconds },
            },
        });
    }
}
