using System.Net.Http.Json;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Services;

/// <summary>The album endpoints under /api/albums.</summary>
public sealed class AlbumsClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<AlbumDto>> ListAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<AlbumDto>>(new HttpRequestMessage(HttpMethod.Get, "api/albums"), cancellationToken);

    public Task<AlbumDto> GetAsync(Guid albumId, CancellationToken cancellationToken = default) =>
        ReadAsync<AlbumDto>(new HttpRequestMessage(HttpMethod.Get, $"api/albums/{albumId}"), cancellationToken);

    public Task<AlbumDto> CreateAsync(string name, CancellationToken cancellationToken = default) =>
        ReadAsync<AlbumDto>(new HttpRequestMessage(HttpMethod.Post, "api/albums") { Content = JsonContent.Create(new CreateAlbumRequest(name)) }, cancellationToken);

    public Task<AlbumDto> RenameAsync(Guid albumId, string name, CancellationToken cancellationToken = default) =>
        ReadAsync<AlbumDto>(new HttpRequestMessage(HttpMethod.Put, $"api/albums/{albumId}") { Content = JsonContent.Create(new RenameAlbumRequest(name)) }, cancellationToken);

    public Task DeleteAsync(Guid albumId, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/albums/{albumId}"), cancellationToken);

    /// <summary>A plain link: the browser downloads the ZIP itself, streaming it to disk, with the session cookie.</summary>
    public static string DownloadUrl(Guid albumId, bool includeOriginals) =>
        $"api/albums/{albumId}/download" + (includeOriginals ? "?includeOriginals=true" : string.Empty);
}
