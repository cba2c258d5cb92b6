using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Http;
using RestoreWeb.Server.Photos;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Albums;

/// <summary>GET /api/albums/{id}/download: every restored photo of the album, optionally with the originals, as one ZIP.</summary>
public static class AlbumArchive
{
    public static async Task<Results<ZipDownload, ProblemHttpResult>> Download(
        Guid albumId, bool? includeOriginals, ClaimsPrincipal user, RestoreWebDbContext db, IBlobStore blobs,
        ILogger<ZipDownload> logger, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var album = await db.Albums.AsNoTracking().FirstOrDefaultAsync(a => a.Id == albumId && a.OwnerId == owner, cancellationToken);
        if (album is null)
        {
            return Problems.NotFound("This album");
        }
        var photos = await db.Photos.AsNoTracking()
            .Where(p => p.AlbumId == albumId && p.OwnerId == owner)
            .OrderBy(p => p.UploadedAt).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var photoIds = photos.Select(p => p.Id).ToList();
        var results = (await db.Jobs.AsNoTracking()
                .Where(j => photoIds.Contains(j.PhotoId) && j.State == JobState.Succeeded && j.ResultBlob != null)
                .ToListAsync(cancellationToken))
            .GroupBy(j => j.PhotoId)
            .ToDictionary(g => g.Key, g => g.MaxBy(j => j.FinishedAt)!);

        var names = new DownloadNames();
        var entries = new List<ZipDownload.Entry>();
        foreach (var photo in photos)
        {
            if (results.TryGetValue(photo.Id, out var job))
            {
                string name = FileNames.ForResult(photo.FileName, job.ResultFormat ?? OutputFormat.Png);
                entries.Add(new(names.Claim(name), job.ResultBlob!, job.FinishedAt ?? photo.UploadedAt));
            }
        }
        if (includeOriginals == true)
        {
            foreach (var photo in photos)
            {
                entries.Add(new(names.Claim("originals/" + photo.FileName), photo.OriginalBlob, photo.UploadedAt));
            }
        }

        if (entries.Count == 0)
        {
            return Problems.Conflict(photos.Count == 0
                ? "This album has no photos yet, so there is nothing to download. Upload photos first."
                : "No photo in this album has been restored yet. Wait for the restorations to finish, or download the originals with includeOriginals=true.");
        }
        string archiveName = FileNames.Sanitize(album.Name, ImageFormatKind.Jpeg);
        return new ZipDownload(Path.GetFileNameWithoutExtension(archiveName) is { Length: > 0 } stem ? stem + ".zip" : "album.zip", entries, blobs, logger);
    }
}
