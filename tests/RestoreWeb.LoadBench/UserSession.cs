using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RestoreWeb.LoadBench;

/// <summary>One browser's worth of requests: its own cookies, its own album.</summary>
public sealed class UserSession(Uri server, Latencies latencies) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(10) };

    public Guid AlbumId { get; private set; }

    public async Task SignUpAsync(string email)
    {
        using var registered = await latencies.TimeAsync("POST /api/account/register", () =>
            _http.PostAsJsonAsync("/api/account/register", new { email, password = "a long load-test password" }));
        using var album = await latencies.TimeAsync("POST /api/albums", () => _http.PostAsJsonAsync("/api/albums", new { name = "Load test" }));
        AlbumId = Guid.Parse(JsonNode.Parse(await album.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        // Uploads are form posts and carry an antiforgery token tied to the signed-in account, as the web app's do.
        using var antiforgery = await latencies.TimeAsync("GET /api/antiforgery", () => _http.GetAsync(new Uri("/api/antiforgery", UriKind.Relative)));
        var token = JsonNode.Parse(await antiforgery.Content.ReadAsStringAsync())!;
        _http.DefaultRequestHeaders.Add(token["headerName"]!.GetValue<string>(), token["token"]!.GetValue<string>());
    }

    public async Task<Guid?> UploadAsync(string fileName, byte[] content, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "files", fileName);
        using var response = await latencies.TimeAsync("POST /api/albums/{id}/photos", () => _http.PostAsync(new Uri($"/api/albums/{AlbumId}/photos", UriKind.Relative), form));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        var photo = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["files"]![0]!["photo"];
        return photo is null ? null : Guid.Parse(photo["id"]!.GetValue<string>());
    }

    /// <summary>What the album page does: the album list, the album, its photos, a thumbnail and the job-change poll.</summary>
    public async Task BrowseAsync(Guid? photoId, DateTimeOffset since)
    {
        (await latencies.TimeAsync("GET /api/albums", () => _http.GetAsync(new Uri("/api/albums", UriKind.Relative)))).Dispose();
        (await latencies.TimeAsync("GET /api/albums/{id}", () => _http.GetAsync(new Uri($"/api/albums/{AlbumId}", UriKind.Relative)))).Dispose();
        (await latencies.TimeAsync("GET /api/albums/{id}/photos", () => _http.GetAsync(new Uri($"/api/albums/{AlbumId}/photos", UriKind.Relative)))).Dispose();
        string cursor = Uri.EscapeDataString(since.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        (await latencies.TimeAsync("GET /api/jobs?changedSince", () => _http.GetAsync(new Uri($"/api/jobs?changedSince={cursor}", UriKind.Relative)))).Dispose();
        if (photoId is { } id)
        {
            (await latencies.TimeAsync("GET /api/photos/{id}/thumbnail", () => _http.GetAsync(new Uri($"/api/photos/{id}/thumbnail", UriKind.Relative)))).Dispose();
        }
    }

    /// <summary>Reads the album's ZIP to the end without keeping it; returns its size.</summary>
    public async Task<long> DownloadAlbumAsync(bool includeOriginals)
    {
        using var response = await _http.GetAsync(new Uri($"/api/albums/{AlbumId}/download?includeOriginals={includeOriginals}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 20];
        long total = 0;
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
        {
            total += read;
        }
        return total;
    }

    public void Dispose() => _http.Dispose();
}
