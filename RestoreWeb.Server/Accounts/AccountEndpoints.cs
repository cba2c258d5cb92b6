using System.Net.Mail;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Hosting;
using RestoreWeb.Server.Http;
using RestoreWeb.Server.Security;

namespace RestoreWeb.Server.Accounts;

public static class AccountEndpoints
{
    private const string WrongCredentials = "The e-mail address or the password is not correct. Check both, or reset your password.";
    private const string BadResetLink = "This password reset link is not valid or has expired. Ask for a new link and use it within a day.";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/account").WithTags("Account");
        // Per client address: guessing passwords across accounts, mass registration and reset-link floods.
        account.MapPost("/register", Register).RequireRateLimiting(RateLimits.SignInPolicy);
        account.MapPost("/login", Login).RequireRateLimiting(RateLimits.SignInPolicy);
        account.MapPost("/logout", Logout).RequireAuthorization();
        account.MapGet("/me", Me).RequireAuthorization();
        account.MapPost("/forgot-password", ForgotPassword).RequireRateLimiting(RateLimits.SignInPolicy);
        account.MapPost("/reset-password", ResetPassword).RequireRateLimiting(RateLimits.SignInPolicy);
        return app;
    }

    private static async Task<Results<Ok<AccountDto>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, UserManager<RestoreWebUser> users, SignInManager<RestoreWebUser> signIn, AccountRoles roles, TimeProvider clock)
    {
        if (NormalizeEmail(request.Email) is not { } email)
        {
            return Problems.Validation("email", "Enter a valid e-mail address, like name@example.com.");
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return Problems.Conflict("An account with this e-mail address already exists. Sign in, or reset the password if you forgot it.");
        }

        var user = new RestoreWebUser { UserName = email, Email = email, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, request.Password ?? string.Empty);
        if (!created.Succeeded)
        {
            return Problems.Validation(IdentityErrors(created));
        }
        await roles.AssignNewAccountRolesAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.Ok(await ToDtoAsync(user, users));
    }

    private static async Task<Results<Ok<AccountDto>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, UserManager<RestoreWebUser> users, SignInManager<RestoreWebUser> signIn, TimeProvider clock)
    {
        if (NormalizeEmail(request.Email) is not { } email || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Validation("email", "Enter the e-mail address and the password of your account.");
        }
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "Sign-in failed", WrongCredentials);
        }
        if (user.Disabled)
        {
            // Only someone who knows the password learns that the account exists and is disabled.
            return await users.CheckPasswordAsync(user, request.Password)
                ? Problems.Status(StatusCodes.Status403Forbidden, "Account disabled", "This account has been disabled by an administrator.")
                : Problems.Status(StatusCodes.Status401Unauthorized, "Sign-in failed", WrongCredentials);
        }
        var result = await signIn.PasswordSignInAsync(user, request.Password, request.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            var until = await users.GetLockoutEndDateAsync(user);
            int minutes = until is { } end ? Math.Max(1, (int)Math.Ceiling((end - clock.GetUtcNow()).TotalMinutes)) : 5;
            return Problems.Status(StatusCodes.Status429TooManyRequests, "Account locked",
                $"Too many wrong passwords: this account is locked for {minutes} more minute(s). Wait, or reset your password.");
        }
        if (!result.Succeeded)
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "Sign-in failed", WrongCredentials);
        }
        return TypedResults.Ok(await ToDtoAsync(user, users));
    }

    private static async Task<NoContent> Logout(SignInManager<RestoreWebUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AccountDto>, ProblemHttpResult>> Me(ClaimsPrincipal principal, UserManager<RestoreWebUser> users)
    {
        var user = await users.GetUserAsync(principal);
        return user is null
            ? Problems.Status(StatusCodes.Status401Unauthorized, "Not signed in", "This account no longer exists. Sign in again.")
            : TypedResults.Ok(await ToDtoAsync(user, users));
    }

    /// <summary>Always 202, whether or not the address has an account, so the answer reveals nothing.</summary>
    private static async Task<Results<Accepted, ValidationProblem>> ForgotPassword(
        ForgotPasswordRequest request, HttpRequest http, UserManager<RestoreWebUser> users, IPasswordResetNotifier notifier,
        IOptions<RestoreWebOptions> options, CancellationToken cancellationToken)
    {
        if (NormalizeEmail(request.Email) is not { } email)
        {
            return Problems.Validation("email", "Enter the e-mail address of your account, like name@example.com.");
        }
        var user = await users.FindByEmailAsync(email);
        if (user is not null)
        {
            string token = await users.GeneratePasswordResetTokenAsync(user);
            string encoded = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            var site = options.Value.PublicBaseUrl ?? new Uri($"{http.Scheme}://{http.Host}{http.PathBase}/");
            var link = new Uri(site, $"reset-password?email={Uri.EscapeDataString(email)}&token={encoded}");
            await notifier.SendAsync(email, link, cancellationToken);
        }
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetPassword(
        ResetPasswordRequest request, UserManager<RestoreWebUser> users)
    {
        if (NormalizeEmail(request.Email) is not { } email || string.IsNullOrWhiteSpace(request.Token))
        {
            return Problems.BadRequest(BadResetLink);
        }
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(request.Token.Trim()));
        }
        catch (FormatException)
        {
            return Problems.BadRequest(BadResetLink);
        }
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return Problems.BadRequest(BadResetLink);
        }
        var result = await users.ResetPasswordAsync(user, token, request.NewPassword ?? string.Empty);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            return Problems.BadRequest(BadResetLink);
        }
        if (!result.Succeeded)
        {
            return Problems.Validation(IdentityErrors(result));
        }
        // A successful reset proves the owner is back: lift a lockout from the guessing that led here.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return TypedResults.NoContent();
    }

    private static string? NormalizeEmail(string? email)
    {
        string? trimmed = email?.Trim();
        return !string.IsNullOrEmpty(trimmed) && MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed ? trimmed : null;
    }

    private static Dictionary<string, string[]> IdentityErrors(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());

    private static async Task<AccountDto> ToDtoAsync(RestoreWebUser user, UserManager<RestoreWebUser> users) =>
        new(user.Id, user.Email ?? string.Empty, [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)]);
}
