namespace RestoreWeb.Server.Accounts;

/// <summary>Delivers a password reset link to the account holder.</summary>
public interface IPasswordResetNotifier
{
    Task SendAsync(string email, Uri resetLink, CancellationToken cancellationToken = default);
}

/// <summary>
/// Writes the link to the server log. A self-hosted family server often has no mail set up; the administrator
/// reads the link from the log and passes it on. A mail sender can replace this registration.
/// </summary>
public sealed partial class LoggedPasswordResetNotifier(ILogger<LoggedPasswordResetNotifier> logger) : IPasswordResetNotifier
{
    public Task SendAsync(string email, Uri resetLink, CancellationToken cancellationToken = default)
    {
        LogResetLink(logger, email, resetLink);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password reset requested for {Email}. Give them this link (valid for one day): {ResetLink}")]
    private static partial void LogResetLink(ILogger logger, string email, Uri resetLink);
}
