namespace RestoreWeb.Client.Contracts;

/// <summary>The roles an account can hold.</summary>
public static class RoleNames
{
    public const string Member = "Member";
    public const string Admin = "Admin";
}

public sealed record RegisterRequest(string Email, string Password);

public sealed record LoginRequest(string Email, string Password, bool RememberMe = false);

public sealed record ForgotPasswordRequest(string Email);

/// <param name="Token">The token from the reset link, exactly as it appears there.</param>
public sealed record ResetPasswordRequest(string Email, string Token, string NewPassword);

/// <summary>The signed-in account.</summary>
public sealed record AccountDto(string Id, string Email, IReadOnlyList<string> Roles)
{
    public bool IsAdmin => Roles.Contains(RoleNames.Admin);
}
