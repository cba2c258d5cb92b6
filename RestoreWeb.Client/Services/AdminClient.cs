using System.Net.Http.Headers;
using System.Net.Http.Json;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Services;

/// <summary>The administrators' endpoints under /api/admin: model versions and aliases, audit, comparison, queue, users and API tokens.</summary>
public sealed class AdminClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<AdminModelVersionDto>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<AdminModelVersionDto>>(Get("api/admin/models"), cancellationToken);

    public Task<AdminModelVersionDto> GetModelAsync(Guid id, CancellationToken cancellationToken = default) =>
        ReadAsync<AdminModelVersionDto>(Get($"api/admin/models/{id}"), cancellationToken);

    /// <summary>
    /// Uploads a model package; the server runs the validation gate before it answers, which can take a minute.
    /// </summary>
    /// <param name="progress">Bytes of the package handed to the HTTP stack so far.</param>
    public async Task<ModelRegistrationDto> RegisterAsync(
        string fileName, Stream content, long length, IProgress<long> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var form = new MultipartFormDataContent();
        var part = new ProgressStreamContent(content, length, progress);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(part, "package", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/admin/models") { Content = form };
        await AddAntiforgeryTokenAsync(request, cancellationToken);
        return await ReadAsync<ModelRegistrationDto>(request, cancellationToken);
    }

    public Task<AdminModelVersionDto> ValidateAsync(Guid id, CancellationToken cancellationToken = default) =>
        ReadAsync<AdminModelVersionDto>(Post($"api/admin/models/{id}/validate"), cancellationToken);

    public Task<AuditEntryDto> PromoteAsync(Guid id, string alias, string comment, CancellationToken cancellationToken = default) =>
        ReadAsync<AuditEntryDto>(Post($"api/admin/models/{id}/promote", new PromoteRequest(alias, comment)), cancellationToken);

    public Task<AuditEntryDto> RollbackAsync(string alias, string comment, CancellationToken cancellationToken = default) =>
        ReadAsync<AuditEntryDto>(Post($"api/admin/aliases/{Uri.EscapeDataString(alias)}/rollback", new RollbackRequest(comment)), cancellationToken);

    public Task<AdminModelVersionDto> ArchiveAsync(Guid id, string comment, CancellationToken cancellationToken = default) =>
        ReadAsync<AdminModelVersionDto>(Post($"api/admin/models/{id}/archive", new ArchiveRequest(comment)), cancellationToken);

    public Task DeleteModelAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/admin/models/{id}"), cancellationToken);

    public Task<IReadOnlyList<AuditEntryDto>> AuditAsync(int take = 200, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<AuditEntryDto>>(Get($"api/admin/audit?take={take}"), cancellationToken);

    public Task<IReadOnlyList<CompareSampleDto>> CompareSamplesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CompareSampleDto>>(Get("api/admin/compare/samples"), cancellationToken);

    // Plain image addresses: the browser fetches them itself with the session cookie, so they go straight into <img src>.
    public static string SampleOriginalUrl(string sample) =>
        $"api/admin/compare/samples/{Uri.EscapeDataString(sample)}/original.png";

    public static string SampleVersionUrl(string sample, Guid versionId) =>
        $"api/admin/compare/samples/{Uri.EscapeDataString(sample)}/versions/{versionId}.png";

    public static string PhotoOriginalUrl(Guid photoId) => $"api/admin/compare/photos/{photoId}/original.png";

    public static string PhotoVersionUrl(Guid photoId, Guid versionId) => $"api/admin/compare/photos/{photoId}/versions/{versionId}.png";

    public Task<ReprocessResultDto> ReprocessAsync(ReprocessRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync<ReprocessResultDto>(Post("api/admin/reprocess", request), cancellationToken);

    public Task<QueueOverviewDto> QueueAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<QueueOverviewDto>(Get("api/admin/queue"), cancellationToken);

    public Task<QueueOverviewDto> PauseQueueAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<QueueOverviewDto>(Post("api/admin/queue/pause"), cancellationToken);

    public Task<QueueOverviewDto> ResumeQueueAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<QueueOverviewDto>(Post("api/admin/queue/resume"), cancellationToken);

    public Task<RetryFailedResultDto> RetryFailedAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<RetryFailedResultDto>(Post("api/admin/queue/retry-failed"), cancellationToken);

    public Task<IReadOnlyList<AdminUserDto>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<AdminUserDto>>(Get("api/admin/users"), cancellationToken);

    public Task<AdminUserDto> UpdateUserAsync(string id, UpdateUserRequest changes, CancellationToken cancellationToken = default) =>
        ReadAsync<AdminUserDto>(
            new HttpRequestMessage(HttpMethod.Patch, $"api/admin/users/{Uri.EscapeDataString(id)}") { Content = JsonContent.Create(changes) },
            cancellationToken);

    public Task<IReadOnlyList<ApiTokenDto>> ListTokensAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<ApiTokenDto>>(Get("api/admin/tokens"), cancellationToken);

    public Task<CreatedTokenDto> CreateTokenAsync(string name, CancellationToken cancellationToken = default) =>
        ReadAsync<CreatedTokenDto>(Post("api/admin/tokens", new CreateTokenRequest(name)), cancellationToken);

    public Task RevokeTokenAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/admin/tokens/{id}"), cancellationToken);

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Post(string url) => new(HttpMethod.Post, url);

    private static HttpRequestMessage Post<T>(string url, T body) => new(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
}
