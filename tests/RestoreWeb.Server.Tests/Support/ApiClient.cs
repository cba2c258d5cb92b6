using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Server.Tests.Support;

/// <summary>One browser session against the API: its own cookies, typed calls, and the raw client for the rest.</summary>
public sealed class ApiClient(HttpClient http, Func<IEnumerable<string>>? serverErrors = null) : IDisposable
{
    public const string Password = "correct horse battery staple";

    public HttpClient Http { get; } = http;

    public static string NewEmail(string who = "user") => $"{who}-{Guid.NewGuid():N}@example.com";

    public const string AntiforgeryHeader = "X-XSRF-TOKEN";

    /// <summary>Registers and signs in, and from then on sends the session's antiforgery token with every request, as the web app does with uploads.</summary>
    public async Task<AccountDto> RegisterAsync(string? email = null, string password = Password)
    {
        using var response = await Http.PostAsJsonAsync("/api/account/register", new RegisterRequest(email ?? NewEmail(), password));
        var account = await ExpectAsync<AccountDto>(response, HttpStatusCode.OK);
        await UseAntiforgeryTokenAsync();
        return account;
    }

    /// <summary>
    /// Fetches an antiforgery token for the account signed in now (a token is bound to it) and sends it from now on;
    /// call again after signing in some other way than <see cref="RegisterAsync"/>.
    /// </summary>
    public async Task<string> UseAntiforgeryTokenAsync()
    {
        var token = (await Http.GetFromJsonAsync<AntiforgeryTokenDto>("/api/antiforgery"))!;
        Assert.Equal(AntiforgeryHeader, token.HeaderName);
        Http.DefaultRequestHeaders.Remove(AntiforgeryHeader);
        Http.DefaultRequestHeaders.Add(AntiforgeryHeader, token.Token);
        return token.Token;
    }

    /// <summary>Stops sending the antiforgery token, as a form posted from another site would.</summary>
    public void DropAntiforgeryToken() => Http.DefaultRequestHeaders.Remove(AntiforgeryHeader);

    public async Task<AlbumDto> CreateAlbumAsync(string name = "Family")
    {
        using var response = await Http.PostAsJsonAsync("/api/albums", new CreateAlbumRequest(name));
        return await ExpectAsync<AlbumDto>(response, HttpStatusCode.Created);
    }

    public async Task<HttpResponseMessage> UploadRawAsync(Guid albumId, IEnumerable<(string Name, byte[] Content)> files, string query = "")
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        return await Http.PostAsync(new Uri($"/api/albums/{albumId}/photos{query}", UriKind.Relative), form);
    }

    public async Task<UploadResponse> UploadAsync(Guid albumId, params (string Name, byte[] Content)[] files)
    {
        using var response = await UploadRawAsync(albumId, files);
        return await ExpectAsync<UploadResponse>(response, HttpStatusCode.OK);
    }

    /// <summary>Uploads one photo and returns it with its queued job.</summary>
    public async Task<PhotoDto> UploadPhotoAsync(Guid albumId, string name, byte[] content, string query = "")
    {
        using var response = await UploadRawAsync(albumId, [(name, content)], query);
        var upload = await ExpectAsync<UploadResponse>(response, HttpStatusCode.OK);
        return Assert.Single(upload.Files).Photo!;
    }

    public async Task<JobDto> GetJobAsync(Guid jobId) => (await Http.GetFromJsonAsync<JobDto>($"/api/jobs/{jobId}"))!;

    /// <summary>Polls the job until <paramref name="until"/> holds, as the browser would.</summary>
    public async Task<JobDto> WaitForJobAsync(Guid jobId, Func<JobDto, bool> until, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(until);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = await GetJobAsync(jobId);
            if (until(job))
            {
                return job;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Job {jobId} did not reach the expected state in time; it is {job.State} at {job.Stage} ({job.Progress:P0}), reason: {job.FailureReason}");
            }
            await Task.Delay(50);
        }
    }

    public Task<JobDto> WaitUntilFinishedAsync(Guid jobId, TimeSpan? timeout = null) =>
        WaitForJobAsync(jobId, j => j.State is JobState.Succeeded or JobState.Failed or JobState.Cancelled, timeout);

    public async Task<byte[]> GetBytesAsync(string url)
    {
        using var response = await Http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>Like <see cref="ReadAsync{T}(HttpResponseMessage, HttpStatusCode)"/>, with the server's error log in the failure message.</summary>
    public async Task<T> ExpectAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != expected && serverErrors is not null)
        {
            string body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} but got {(int)response.StatusCode}: {body}\nServer errors:\n{string.Join("\n", serverErrors())}");
        }
        return await ReadAsync<T>(response, expected);
    }

    /// <summary>The problem details of a failed response, after checking its status.</summary>
    public static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadAsync<ProblemDetails>(response, expected);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail), "Every problem should say what to do in its detail.");
        return problem;
    }

    public void Dispose() => Http.Dispose();
}
