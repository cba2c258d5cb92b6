using Microsoft.Extensions.Options;

namespace RestoreWeb.Server.Security;

/// <summary>Refuses to start with a limit that would refuse everything or nothing, naming the key to fix.</summary>
public sealed class SecurityOptionsValidation : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options.SignIn, nameof(SecurityOptions.SignIn), failures);
        Check(options.Uploads, nameof(SecurityOptions.Uploads), failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(RateLimitOptions limit, string key, List<string> failures)
    {
        if (limit.PermitLimit < 1 || limit.Window <= TimeSpan.Zero || limit.QueueLimit < 0)
        {
            failures.Add($"{SecurityOptions.SectionName}:{key} needs PermitLimit of at least 1, a positive Window and a QueueLimit of 0 or more.");
        }
    }
}
