using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Security;

/// <summary>A queue-only server whose administrator is a known address, whichever test registers first.</summary>
public sealed class SecurityServerFactory : QueueOnlyServerFactory
{
    public const string AdminEmail = "security-admin@example.com";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        ArgumentNullException.ThrowIfNull(settings);
        settings["RestoreWeb:Accounts:AdminEmail"] = AdminEmail;
    }
}
