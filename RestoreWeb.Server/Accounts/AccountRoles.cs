using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Accounts;

/// <summary>Creates the roles and decides which accounts are administrators.</summary>
public sealed class AccountRoles(
    UserManager<RestoreWebUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<RestoreWebOptions> options)
{
    public async Task EnsureRolesExistAsync()
    {
        foreach (var role in new[] { RoleNames.Member, RoleNames.Admin })
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var created = await roles.CreateAsync(new IdentityRole(role));
                // Another process may have created it a moment ago; only a role still missing is a failure.
                if (!created.Succeeded && !await roles.RoleExistsAsync(role))
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
                }
            }
        }
    }

    /// <summary>Every account is a Member; the first one, and the configured administrator e-mail, are also Admin.</summary>
    public async Task AssignNewAccountRolesAsync(RestoreWebUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var wanted = new List<string> { RoleNames.Member };
        string? adminEmail = options.Value.Accounts.AdminEmail;
        bool isConfiguredAdmin = adminEmail is not null && string.Equals(adminEmail.Trim(), user.Email, StringComparison.OrdinalIgnoreCase);
        bool isFirstAccount = !await users.Users.AnyAsync(u => u.Id != user.Id);
        if (isConfiguredAdmin || isFirstAccount)
        {
            wanted.Add(RoleNames.Admin);
        }
        var result = await users.AddToRolesAsync(user, wanted);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not give {user.Email} its roles: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
