using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Services;

/// <summary>What every typed client shares: sending, reading JSON, and turning problem details into <see cref="ApiException"/>.</summary>
public abstract class ApiClient(HttpClient http)
{
    private const string Unreachable = "The server could not be reached. Check your connection and try again.";

    protected HttpClient Http { get; } = http;

    protected async Task<T> ReadAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken);
        return await ReadJsonAsync<T>(response, cancellationToken);
    }

    /// <summary>
    /// Uploads (multipart photos, masks, model packages) must carry an antiforgery token in a header. It is fetched
    /// for each upload: a token is bound to the account signed in when it was made, and sign-in happens in this app
    /// without a page load; one small GET per upload costs nothing next to the upload itself.
    /// </summary>
    protected async Task AddAntiforgeryTokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await ReadAsync<AntiforgeryTokenDto>(new HttpRequestMessage(HttpMethod.Get, "api/antiforgery"), cancellationToken);
        request.Headers.TryAddWithoutValidation(token.HeaderName, token.Token);
    }

    protected async Task SendWithoutAnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken);
    }

    /// <summary>Sends the request and returns a successful response; anything else becomes an <see cref="ApiException"/>.</summary>
    protected async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage response;
        try
        {
            response = await Http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(0, Unreachable, innerException: e);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw await ProblemAsync(response, cancellationToken);
        }
    }

    protected static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw new ApiException(response.StatusCode, "The server sent an empty answer. Try again.");
        }
        catch (JsonException e)
        {
            throw new ApiException(response.StatusCode, "The server's answer could not be read. Reload the page and try again.", innerException: e);
        }
    }

    /// <summary>The server answers errors as RFC 7807 problem details whose "detail" says what to do; anything else gets a generic sentence.</summary>
    public static async Task<ApiException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var problem = await TryReadProblemAsync(response, cancellationToken);
        string detail = problem?.Detail is { Length: > 0 } text ? text : response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "Sign in to use this.",
            HttpStatusCode.Forbidden => "This is not allowed for your account.",
            HttpStatusCode.NotFound => "This does not exist or is not yours.",
            _ => $"The server answered {(int)response.StatusCode} ({response.ReasonPhrase}). Try again in a moment.",
        };
        return new ApiException(response.StatusCode, detail, problem?.ReasonCode);
    }

    private static async Task<ProblemBody?> TryReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemBody>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            // Not JSON at all (a proxy's HTML error page, say).
            return null;
        }
    }

    private sealed record ProblemBody(string? Title, string? Detail, int? Status, JsonElement? Reason)
    {
        public string? ReasonCode => Reason is { ValueKind: JsonValueKind.String } reason ? reason.GetString() : null;
    }
}
