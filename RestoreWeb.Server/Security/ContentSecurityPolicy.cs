using System.Security.Cryptography;

namespace RestoreWeb.Server.Security;

/// <summary>
/// The Content-Security-Policy of the app and of the Hangfire dashboard. The app's only inline script is Blazor's
/// import map, which carries the per-request nonce (Components/App.razor); everything else is a file from this site.
/// </summary>
public static class ContentSecurityPolicy
{
    private const string NonceKey = "RestoreWeb.CspNonce";

    /// <summary>
    /// 'wasm-unsafe-eval' lets the browser compile the .NET WebAssembly runtime (it does not allow JavaScript eval).
    /// MudBlazor positions and themes components with style attributes and a generated style element, so styles
    /// allow inline. Images come from the API (self), from blob: (previews of files being uploaded, the mask editor)
    /// and from data: (MudBlazor's icons and small placeholders).
    /// </summary>
    public static string ForApp(string nonce) =>
        "default-src 'self'; "
        + $"script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; "
        + "style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' blob: data:; "
        + "font-src 'self' data:; "
        + "connect-src 'self'; "
        + "object-src 'none'; "
        + "base-uri 'self'; "
        + "form-action 'self'; "
        + "frame-ancestors 'none'";

    /// <summary>
    /// Hangfire's dashboard (administrators only, /hangfire) writes inline scripts and styles that no nonce can be
    /// given to, so it gets inline allowances; it still loads nothing from other sites and cannot be framed.
    /// </summary>
    public const string ForJobDashboard =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>This request's nonce, made on first use; the same value goes into the header and into the page.</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceKey] is string nonce)
        {
            return nonce;
        }
        // Hex rather than base64: nothing in it is escaped on its way into the HTML attribute.
        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }
}
