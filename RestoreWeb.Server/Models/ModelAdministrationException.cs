namespace RestoreWeb.Server.Models;

/// <summary>An administrative request on model versions that cannot be done, with the HTTP status and the reason to show.</summary>
public sealed class ModelAdministrationException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
