using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Accounts;

/// <summary>
/// "Authorization: Bearer &lt;token&gt;" for scripts (the training CLI's register command). The token stands for
/// its account with the account's current roles; a disabled account's tokens stop working.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RestoreWebDbContext db,
    IUserClaimsPrincipalFactory<RestoreWebUser> principals,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string Prefix = "rw_";

    public static string NewToken() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        string token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }
        string hash = Hash(token);
        var stored = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        if (stored is null)
        {
            return AuthenticateResult.Fail("The API token is not known (revoked or mistyped).");
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == stored.UserId, Context.RequestAborted);
        if (user is null || user.Disabled)
        {
            return AuthenticateResult.Fail("The API token's account is disabled.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (stored.LastUsedAt is null || now - stored.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            stored.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
