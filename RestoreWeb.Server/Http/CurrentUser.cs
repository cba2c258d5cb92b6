using System.Security.Claims;

namespace RestoreWeb.Server.Http;

public static class CurrentUser
{
    /// <summary>The signed-in account's id; the endpoints that call this require authentication.</summary>
    public static string Id(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The request is not authenticated; the endpoint must require authorization.");
    }
}
