using Hangfire;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Photos;

/// <summary>
/// Deletes photos (alone or with their album) with everything derived from them. Rows go first, so the user sees
/// them gone at once and a running job stops at its next progress report (its row no longer exists); then queued
/// jobs leave Hangfire's queue and the blobs are removed.
/// </summary>
public sealed partial class PhotoDeletion(RestoreWebDbContext db, IBlobStore blobs, IBackgroundJobClient hangfire, ILogger<PhotoDeletion> logger)
{
    public async Task DeleteAlbumAsync(Album album, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(album);
        var photos = await db.Photos.AsNoTracking().Where(p => p.AlbumId == album.Id).ToListAsync(cancellationToken);
        var queued = await QueuedHangfireJobsAsync(photos.Select(p => p.Id).ToList(), cancellationToken);
        db.Albums.Remove(album);
        await db.SaveChangesAsync(cancellationToken);
        await CleanUpAsync(photos, queued);
    }

    public async Task DeletePhotoAsync(Photo photo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var queued = await QueuedHangfireJobsAsync([photo.Id], cancellationToken);
        db.Photos.Remove(photo);
        await db.SaveChangesAsync(cancellationToken);
        await CleanUpAsync([photo], queued);
    }

    private Task<List<string>> QueuedHangfireJobsAsync(List<Guid> photoIds, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking()
            .Where(j => photoIds.Contains(j.PhotoId) && j.State == JobState.Queued && j.HangfireJobId != null)
            .Select(j => j.HangfireJobId!)
            .ToListAsync(cancellationToken);

    // The rows are gone and the user has their answer: cleaning up runs to the end even if the request is aborted.
    private async Task CleanUpAsync(IReadOnlyList<Photo> photos, List<string> queuedHangfireJobs)
    {
        foreach (var id in queuedHangfireJobs)
        {
            hangfire.Delete(id);
        }
        foreach (var photo in photos)
        {
            try
            {
                await blobs.DeleteAsync(photo.OriginalBlob);
                await blobs.DeleteAsync(photo.ThumbnailBlob);
                foreach (var folder in BlobNames.PhotoFolders(photo.Id))
                {
                    await blobs.DeleteByPrefixAsync(folder);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
            {
                LogOrphans(logger, photo.Id, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Photo {PhotoId} was deleted but some of its blobs could not be; they are orphans now.")]
    private static partial void LogOrphans(ILogger logger, Guid photoId, Exception exception);
}
