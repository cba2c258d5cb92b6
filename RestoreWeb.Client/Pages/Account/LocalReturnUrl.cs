namespace RestoreWeb.Client.Pages.Account;

/// <summary>Only paths on this site are followed after signing in, so a crafted link cannot send someone elsewhere.</summary>
public static class LocalReturnUrl
{
    /// <returns>The path relative to the site's base address, or <paramref name="fallback"/>.</returns>
    public static string OrDefault(string? returnUrl, string fallback)
    {
        bool local = !string.IsNullOrEmpty(returnUrl)
            && returnUrl[0] == '/'
            && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Contains("://", StringComparison.Ordinal);
        if (!local)
        {
            return fallback;
        }
        string path = returnUrl!.TrimStart('/');
        return path.Length > 0 && !path.StartsWith("login", StringComparison.OrdinalIgnoreCase) ? path : fallback;
    }
}
