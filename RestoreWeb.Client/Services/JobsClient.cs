using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Services;

/// <summary>The job endpoints: live changes, cancel, retry, re-run and the scratch mask.</summary>
public sealed class JobsClient(HttpClient http) : ApiClient(http)
{
    /// <summary>The caller's jobs changed since <paramref name="changedSince"/> plus all queued and running ones.</summary>
    public Task<JobChangesDto> ChangesAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken = default)
    {
        string url = changedSince is { } since
            ? "api/jobs?changedSince=" + Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture))
            : "api/jobs";
        return ReadAsync<JobChangesDto>(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
    }

    public Task<JobDto> GetAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        ReadAsync<JobDto>(new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{jobId}"), cancellationToken);

    public Task<IReadOnlyList<JobDto>> ListForPhotoAsync(Guid photoId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<JobDto>>(new HttpRequestMessage(HttpMethod.Get, $"api/photos/{photoId}/jobs"), cancellationToken);

    public Task<JobDto> CancelAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        ReadAsync<JobDto>(new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{jobId}/cancel"), cancellationToken);

    public Task<JobDto> RetryAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        ReadAsync<JobDto>(new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{jobId}/retry"), cancellationToken);

    /// <summary>Restores the photo again, as a new job, with the given options.</summary>
    public Task<JobDto> StartAsync(Guid photoId, StartJobRequest options, CancellationToken cancellationToken = default) =>
        ReadAsync<JobDto>(new HttpRequestMessage(HttpMethod.Post, $"api/photos/{photoId}/jobs") { Content = JsonContent.Create(options) }, cancellationToken);

    /// <summary>Uploads a drawn mask (PNG at the photo's upright size, white = scratch) and starts a job that repairs with it.</summary>
    public async Task<JobDto> PutMaskAsync(Guid photoId, byte[] png, bool detectScratches, CancellationToken cancellationToken = default)
    {
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        string url = $"api/photos/{photoId}/mask" + (detectScratches ? "?detectScratches=true" : string.Empty);
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
        await AddAntiforgeryTokenAsync(request, cancellationToken);
        return await ReadAsync<JobDto>(request, cancellationToken);
    }
}
