using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Accounts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Http;
using RestoreWeb.Server.Photos;

namespace RestoreWeb.Server.Admin;

/// <summary>/api/admin/users and /api/admin/tokens: accounts (roles, quota, disable) and API tokens.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapAdminUserEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(AccountsServiceCollectionExtensions.AdminPolicy);
        admin.MapGet("/users", List);
        admin.MapPatch("/users/{id}", Update);
        admin.MapGet("/tokens", Tokens);
        admin.MapPost("/tokens", CreateToken);
        admin.MapDelete("/tokens/{id:guid}", RevokeToken);
        return app;
    }

    private static async Task<Ok<List<AdminUserDto>>> List(RestoreWebDbContext db, UploadQuota quota, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.CreatedAt).ThenBy(u => u.Email).ToListAsync(cancellationToken);
        var usage = await db.Photos.AsNoTracking().GroupBy(p => p.OwnerId)
            .Select(g => new { g.Key, Bytes = g.Sum(p => p.SizeBytes), Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var admins = await AdminIdsAsync(db, cancellationToken);
        return TypedResults.Ok(users.Select(u => ToDto(u, admins.Contains(u.Id), usage.GetValueOrDefault(u.Id)?.Bytes ?? 0, usage.GetValueOrDefault(u.Id)?.Count ?? 0, quota.Default)).ToList());
    }

    private static async Task<Results<Ok<AdminUserDto>, ProblemHttpResult>> Update(
        string id, UpdateUserRequest request, ClaimsPrincipal caller, UserManager<RestoreWebUser> users, RestoreWebDbContext db, UploadQuota quota,
        CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Problems.NotFound("This account");
        }
        bool self = user.Id == caller.Id();
        if (self && (request.IsAdmin == false || request.Disabled == true))
        {
            return Problems.BadRequest("You cannot remove your own administrator role or disable your own account; ask another administrator.");
        }
        if (request.UploadQuotaBytes is < 0)
        {
            return Problems.BadRequest("The upload quota cannot be negative.");
        }
        if (request.IsAdmin is { } makeAdmin && makeAdmin != await users.IsInRoleAsync(user, RoleNames.Admin))
        {
            var changed = makeAdmin ? await users.AddToRoleAsync(user, RoleNames.Admin) : await users.RemoveFromRoleAsync(user, RoleNames.Admin);
            if (!changed.Succeeded)
            {
                return Problems.BadRequest(string.Join(" ", changed.Errors.Select(e => e.Description)));
            }
            // Role claims live in the cookie: a new stamp makes the account's sessions pick up the change.
            await users.UpdateSecurityStampAsync(user);
        }
        if (request.Disabled is { } disable && disable != user.Disabled)
        {
            user.Disabled = disable;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
        }
        if (request.ClearUploadQuota || request.UploadQuotaBytes is not null)
        {
            user.UploadQuotaBytes = request.ClearUploadQuota ? null : request.UploadQuotaBytes;
            await users.UpdateAsync(user);
        }
        var (used, _) = await quota.UsageAsync(user.Id, cancellationToken);
        int photos = await db.Photos.CountAsync(p => p.OwnerId == user.Id, cancellationToken);
        return TypedResults.Ok(ToDto(user, await users.IsInRoleAsync(user, RoleNames.Admin), used, photos, quota.Default));
    }

    private static async Task<Ok<List<ApiTokenDto>>> Tokens(ClaimsPrincipal caller, RestoreWebDbContext db, CancellationToken cancellationToken)
    {
        string owner = caller.Id();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == owner).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(tokens.Select(t => new ApiTokenDto(t.Id, t.Name, Utc(t.CreatedAt), t.LastUsedAt is { } used ? Utc(used) : null)).ToList());
    }

    private static async Task<Results<Ok<CreatedTokenDto>, ValidationProblem>> CreateToken(
        CreateTokenRequest request, ClaimsPrincipal caller, RestoreWebDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        string name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > ApiToken.MaxNameLength)
        {
            return Problems.Validation("name", $"Give the token a name of 1 to {ApiToken.MaxNameLength} characters, e.g. the machine that will use it.");
        }
        string token = ApiTokenAuthentication.NewToken();
        var stored = new ApiToken
        {
            Id = Guid.CreateVersion7(),
            UserId = caller.Id(),
            Name = name,
            TokenHash = ApiTokenAuthentication.Hash(token),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiTokens.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new CreatedTokenDto(stored.Id, stored.Name, token, Utc(stored.CreatedAt)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(Guid id, ClaimsPrincipal caller, RestoreWebDbContext db, CancellationToken cancellationToken)
    {
        string owner = caller.Id();
        int deleted = await db.ApiTokens.Where(t => t.Id == id && t.UserId == owner).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound("This token") : TypedResults.NoContent();
    }

    private static async Task<HashSet<string>> AdminIdsAsync(RestoreWebDbContext db, CancellationToken cancellationToken)
    {
        var ids = await (from userRole in db.UserRoles
                         join role in db.Roles on userRole.RoleId equals role.Id
                         where role.Name == RoleNames.Admin
                         select userRole.UserId).ToListAsync(cancellationToken);
        return [.. ids];
    }

    private static AdminUserDto ToDto(RestoreWebUser user, bool isAdmin, long used, int photos, long defaultQuota) => new(
        user.Id,
        user.Email ?? user.UserName ?? user.Id,
        isAdmin ? [RoleNames.Admin, RoleNames.Member] : [RoleNames.Member],
        user.Disabled,
        user.UploadQuotaBytes,
        user.UploadQuotaBytes ?? defaultQuota,
        used,
        photos,
        user.CreatedAt == default ? null : Utc(user.CreatedAt));

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
