using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.EndToEnd.Tests.ScaleOut;

/// <summary>
/// One person's browser session spread over several web processes, as behind a load balancer without sticky
/// sessions: one cookie jar and one antiforgery token, sent to whichever process the request goes to.
/// </summary>
public sealed class UserSession : IDisposable
{
    public const string Password = "a long scale-out password";

    private readonly HttpClient[] _clients;
    private int _next;

    public UserSession(IReadOnlyList<RestoreWebProcess> webs, CookieContainer? cookies = null)
    {
        ArgumentNullException.ThrowIfNull(webs);
        Cookies = cookies ?? new CookieContainer();
        _clients = [.. webs.Select(web => web.CreateClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }))];
    }

    public CookieContainer Cookies { get; }

    public string? AccountId { get; private set; }

    /// <summary>The client of web process <paramref name="index"/>.</summary>
    public HttpClient Web(int index) => _clients[index];

    /// <summary>The next web process, round robin.</summary>
    public HttpClient NextWeb() => _clients[Interlocked.Increment(ref _next) % _clients.Length];

    public async Task RegisterAsync(int web, string email)
    {
        using var response = await Web(web).PostAsJsonAsync("/api/account/register", new { email, password = Password });
        AccountId = (await ExpectJsonAsync(response, HttpStatusCode.OK))["id"]!.GetValue<string>();
        await UseAntiforgeryTokenAsync(web);
    }

    /// <summary>
    /// Takes an antiforgery token from one web process and sends it to all (it is bound to the account and protected
    /// with the shared data-protection keys, so every process accepts it). A server without the endpoint needs none.
    /// </summary>
    public async Task UseAntiforgeryTokenAsync(int web)
    {
        using var response = await Web(web).GetAsync(new Uri("/api/antiforgery", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }
        var token = await ExpectJsonAsync(response, HttpStatusCode.OK);
        string header = token["headerName"]!.GetValue<string>();
        foreach (var client in _clients)
        {
            client.DefaultRequestHeaders.Remove(header);
            client.DefaultRequestHeaders.Add(header, token["token"]!.GetValue<string>());
        }
    }

    public async Task<string> MeAsync(int web)
    {
        using var response = await Web(web).GetAsync(new Uri("/api/account/me", UriKind.Relative));
        return (await ExpectJsonAsync(response, HttpStatusCode.OK))["id"]!.GetValue<string>();
    }

    public async Task<Guid> CreateAlbumAsync(int web, string name)
    {
        using var response = await Web(web).PostAsJsonAsync("/api/albums", new { name });
        return (await ExpectJsonAsync(response, HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }

    /// <summary>Uploads one photo and returns the id of its restoration job.</summary>
    public async Task<(Guid Photo, Guid Job)> UploadAsync(HttpClient web, Guid album, string name, byte[] png)
    {
        ArgumentNullException.ThrowIfNull(web);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(png);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "files", name);
        using var response = await web.PostAsync(new Uri($"/api/albums/{album}/photos", UriKind.Relative), form);
        var file = (await ExpectJsonAsync(response, HttpStatusCode.OK))["files"]![0]!;
        Assert.True(file["outcome"]!.GetValue<string>() == "Stored", $"{name} was not stored: {file.ToJsonString()}");
        var photo = file["photo"]!;
        return (photo["id"]!.GetValue<Guid>(), photo["latestJob"]!["id"]!.GetValue<Guid>());
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    public static async Task<JsonNode> ExpectJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        return JsonNode.Parse(body)!;
    }
}
