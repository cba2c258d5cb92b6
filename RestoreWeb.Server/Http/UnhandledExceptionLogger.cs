using Microsoft.AspNetCore.Diagnostics;

namespace RestoreWeb.Server.Http;

/// <summary>
/// Logs an API failure nobody handled, with the trace id the client sees in its problem details, then lets the
/// default problem details answer. (The exception handler middleware stays quiet about exceptions it passes on.)
/// </summary>
public sealed partial class UnhandledExceptionLogger(ILogger<UnhandledExceptionLogger> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier, exception);
        return ValueTask.FromResult(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed (trace {TraceId}).")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, string traceId, Exception exception);
}
