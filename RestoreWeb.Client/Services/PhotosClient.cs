using System.Net.Http.Headers;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Services;

/// <summary>The photo endpoints: listing, uploading and deleting photos.</summary>
public sealed class PhotosClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<PhotoDto>> ListInAlbumAsync(Guid albumId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<PhotoDto>>(new HttpRequestMessage(HttpMethod.Get, $"api/albums/{albumId}/photos"), cancellationToken);

    public Task<PhotoDto> GetAsync(Guid photoId, CancellationToken cancellationToken = default) =>
        ReadAsync<PhotoDto>(new HttpRequestMessage(HttpMethod.Get, $"api/photos/{photoId}"), cancellationToken);

    public Task DeleteAsync(Guid photoId, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/photos/{photoId}"), cancellationToken);

    /// <summary>
    /// Uploads one file as its own multipart request, so that each file has its own progress and its own answer.
    /// A file the server refuses comes back as a problem (the whole request failed), thrown as <see cref="ApiException"/>.
    /// </summary>
    /// <param name="progress">Bytes of the file handed to the HTTP stack so far.</param>
    public async Task<UploadedFileDto> UploadAsync(
        Guid albumId, string fileName, string? contentType, Stream content, long length, IProgress<long> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var form = new MultipartFormDataContent();
        var part = new ProgressStreamContent(content, length, progress);
        if (!string.IsNullOrEmpty(contentType) && MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            part.Headers.ContentType = type;
        }
        form.Add(part, "files", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/albums/{albumId}/photos") { Content = form };
        await AddAntiforgeryTokenAsync(request, cancellationToken);
        var answer = await ReadAsync<UploadResponse>(request, cancellationToken);
        return answer.Files.Count > 0
            ? answer.Files[0]
            : throw new ApiException(System.Net.HttpStatusCode.OK, "The server did not say what happened to the file. Reload the album to see whether it arrived.");
    }
}
