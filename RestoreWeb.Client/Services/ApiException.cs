using System.Net;

namespace RestoreWeb.Client.Services;

/// <summary>A request the server refused or could not answer; <see cref="Exception.Message"/> is the server's problem "detail", written for the user.</summary>
public sealed class ApiException : Exception
{
    public ApiException()
        : this(0, "The request failed.")
    {
    }

    public ApiException(string message)
        : this(0, message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ApiException(HttpStatusCode status, string detail, string? reason = null, Exception? innerException = null)
        : base(detail, innerException)
    {
        Status = status;
        Reason = reason;
    }

    /// <summary>The HTTP status, or 0 when the server could not be reached at all.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's stable "reason" code where the server sends one (uploads do).</summary>
    public string? Reason { get; }

    public bool IsUnauthorized => Status == HttpStatusCode.Unauthorized;
}
