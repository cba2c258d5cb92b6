using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Accounts;
using RestoreWeb.Server.Http;

namespace RestoreWeb.Server.Security;

/// <summary>
/// Antiforgery for the endpoints a plain HTML form on another site could post to: multipart/form-data uploads (and
/// the mask upload, a raw PNG body) with the user's cookie. Those need the header <see cref="HeaderName"/> with a
/// token from GET /api/antiforgery, which another site can neither read nor set. The JSON endpoints need nothing
/// more: the auth cookie is SameSite=Lax, so other sites' POSTs arrive without it (bodiless POSTs such as cancel
/// included), and those with a body also require application/json, which a plain form cannot send. API-token
/// (Bearer) callers carry no cookie, so they are exempt.
/// </summary>
public static class AntiforgeryProtection
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public static IServiceCollection AddRestoreWebAntiforgery(this IServiceCollection services)
    {
        services.AddAntiforgery(options =>
        {
            options.HeaderName = HeaderName;
            options.Cookie.Name = "RestoreWeb.Antiforgery";
            // The security headers middleware sets X-Frame-Options: DENY on every answer.
            options.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapAntiforgeryEndpoints(this IEndpointRouteBuilder app)
    {
        // A token is bound to the signed-in account, so the client asks for one after signing in (in practice,
        // before each upload); anonymous callers get one too, since it is useless without an account's cookie.
        app.MapGet("/api/antiforgery", Token).WithTags("Security");
        return app;
    }

    /// <summary>Refuses a request without a valid token before the endpoint reads a byte of its body.</summary>
    public static TBuilder RequireAntiforgeryToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static async (context, next) =>
        {
            var http = context.HttpContext;
            if ((await http.AuthenticateAsync(ApiTokenAuthentication.SchemeName)).Succeeded)
            {
                return await next(context);
            }
            // Checked first: without the header, validation would fall back to reading the whole form body.
            if (!http.Request.Headers.ContainsKey(HeaderName))
            {
                return Refused($"This upload carries no antiforgery token. Reload the page and try again; scripts send the {HeaderName} header with the token from GET /api/antiforgery, or use an API token.");
            }
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Refused("This upload's antiforgery token is not valid for this session (it may be from before you signed in). Reload the page and try again.");
            }
            return await next(context);
        });

    private static Ok<AntiforgeryTokenDto> Token(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AntiforgeryTokenDto(tokens.HeaderName ?? HeaderName, tokens.RequestToken!));
    }

    private static ProblemHttpResult Refused(string detail) =>
        Problems.Status(StatusCodes.Status400BadRequest, "Antiforgery token missing or invalid", detail,
            new Dictionary<string, object?> { ["reason"] = "Antiforgery" });
}
