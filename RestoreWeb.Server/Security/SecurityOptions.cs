namespace RestoreWeb.Server.Security;

/// <summary>Configuration section "RestoreWeb:Security": how hard the server pushes back on abuse.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "RestoreWeb:Security";

    /// <summary>
    /// Sign-in, registration and password-reset requests per client IP address. Wrong passwords are also limited per
    /// account by the lockout; this stops one address from trying many accounts or flooding the reset log.
    /// </summary>
    public RateLimitOptions SignIn { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Upload requests (one per photo from the web app) per signed-in account. A family uploading an album sends
    /// hundreds in a few minutes, so the limit is generous and a short queue smooths bursts instead of refusing them.
    /// </summary>
    public RateLimitOptions Uploads { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1), QueueLimit = 20 };
}

/// <summary>A fixed window: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>, then 429 until it ends.</summary>
public sealed class RateLimitOptions
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    /// <summary>Requests over the limit that wait for the next window instead of being refused at once.</summary>
    public int QueueLimit { get; set; }
}
