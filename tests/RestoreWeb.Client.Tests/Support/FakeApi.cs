using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace RestoreWeb.Client.Tests.Support;

/// <summary>A request the client sent, with its body read out.</summary>
internal sealed record RecordedRequest(HttpMethod Method, string PathAndQuery, string? ContentType, byte[] Body)
{
    public string Path => PathAndQuery.Split('?')[0];

    public string? Query => PathAndQuery.Contains('?', StringComparison.Ordinal) ? PathAndQuery[(PathAndQuery.IndexOf('?', StringComparison.Ordinal) + 1)..] : null;

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The X-XSRF-TOKEN header the request carried, if any.</summary>
    public string? AntiforgeryToken { get; init; }
}

/// <summary>
/// The server as the client sees it: a handler under a real HttpClient that answers routes by method and path and
/// records every request. Reading the body is what makes request content stream, as it does on a real connection.
/// </summary>
internal sealed class FakeApi : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string Path, Func<RecordedRequest, Task<HttpResponseMessage>> Respond)> _routes = [];
    private readonly List<RecordedRequest> _requests = [];

    public const string AntiforgeryToken = "fake-antiforgery-token";

    /// <summary>Every fake server hands out an antiforgery token, as the real one does; a test may replace the route.</summary>
    public FakeApi() => OnGet("/api/antiforgery", new RestoreWeb.Client.Contracts.AntiforgeryTokenDto("X-XSRF-TOKEN", AntiforgeryToken));

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(HttpMethod method, string path) =>
        [.. Requests.Where(r => r.Method == method && r.Path == path)];

    public FakeApi On(HttpMethod method, string path, Func<RecordedRequest, Task<HttpResponseMessage>> respond)
    {
        lock (_routes)
        {
            _routes.Add((method, path, respond));
        }
        return this;
    }

    public FakeApi On(HttpMethod method, string path, Func<RecordedRequest, HttpResponseMessage> respond) =>
        On(method, path, r => Task.FromResult(respond(r)));

    public FakeApi OnGet<T>(string path, T body) => On(HttpMethod.Get, path, _ => Json(body));

    public static HttpResponseMessage Json<T>(T body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(body) };

    public static HttpResponseMessage Problem(HttpStatusCode status, string detail, string? reason = null)
    {
        var problem = new Dictionary<string, object?> { ["title"] = "Refused", ["status"] = (int)status, ["detail"] = detail };
        if (reason is not null)
        {
            problem["reason"] = reason;
        }
        var content = JsonContent.Create(problem, mediaType: new System.Net.Http.Headers.MediaTypeHeaderValue("application/problem+json"));
        return new HttpResponseMessage(status) { Content = content };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!.PathAndQuery, request.Content?.Headers.ContentType?.MediaType, body)
        {
            AntiforgeryToken = request.Headers.TryGetValues("X-XSRF-TOKEN", out var token) ? token.Single() : null,
        };
        lock (_requests)
        {
            _requests.Add(recorded);
        }
        Func<RecordedRequest, Task<HttpResponseMessage>>? respond;
        lock (_routes)
        {
            respond = _routes.LastOrDefault(r => r.Method == recorded.Method && r.Path == recorded.Path).Respond;
        }
        return respond is null
            ? Problem(HttpStatusCode.NotFound, $"No fake route for {recorded.Method} {recorded.Path}.")
            : await respond(recorded);
    }
}
