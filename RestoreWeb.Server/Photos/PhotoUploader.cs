using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Jobs;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Photos;

/// <summary>
/// Turns one received file into a photo: de-duplicated by content per owner, validated from its header before any
/// decoding, stored untouched with a thumbnail, and queued for restoration. A file that fails a check leaves
/// nothing behind.
/// </summary>
public sealed partial class PhotoUploader(
    RestoreWebDbContext db,
    IBlobStore blobs,
    ImageProber prober,
    Thumbnailer thumbnails,
    JobScheduler scheduler,
    PhotoViews views,
    UploadQuota quota,
    TimeProvider clock,
    ILogger<PhotoUploader> logger)
{
    public async Task<UploadedFileDto> StoreAsync(Album album, ReceivedFile file, JobOptionsDto options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(album);
        ArgumentNullException.ThrowIfNull(file);
        if (await FindExistingAsync(album.OwnerId, file.Sha256, cancellationToken) is { } existing)
        {
            return existing with { FileName = Shown(file) };
        }
        if (await quota.RefusalAsync(album.OwnerId, file.Length, cancellationToken) is { } early)
        {
            return QuotaExceeded(file, early);
        }

        ImageProbe probe;
        byte[] thumbnail;
        try
        {
            probe = Probe(file);
            thumbnail = await thumbnails.CreateAsync(file.Path, probe, cancellationToken);
        }
        catch (ImageRejectedException e)
        {
            return new UploadedFileDto(Shown(file), UploadOutcome.Rejected, null,
                new UploadErrorDto(e.Reason.ToString(), UploadStatus.For(e.Reason), e.Message));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var photoId = Guid.CreateVersion7();
        var photo = new Photo
        {
            Id = photoId,
            OwnerId = album.OwnerId,
            AlbumId = album.Id,
            FileName = FileNames.Sanitize(file.ClientName, probe.Format),
            Format = probe.Format,
            ContentType = FileNames.ContentType(probe.Format),
            SizeBytes = file.Length,
            Sha256 = file.Sha256,
            Width = probe.UprightWidth,
            Height = probe.UprightHeight,
            OriginalBlob = BlobNames.Original(photoId, probe.Format),
            ThumbnailBlob = BlobNames.Thumbnail(photoId),
            UploadedAt = now,
        };

        RestorationJob job;
        try
        {
            await using (var original = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                await blobs.PutAsync(photo.OriginalBlob, original, photo.ContentType, cancellationToken);
            }
            using (var preview = new MemoryStream(thumbnail, writable: false))
            {
                await blobs.PutAsync(photo.ThumbnailBlob, preview, "image/jpeg", cancellationToken);
            }
            db.Photos.Add(photo);
            job = await scheduler.AddAsync(photo, options, cancellationToken);
            album.UpdatedAt = now;
            // Another upload of this account may have taken the room since the early check; this one decides.
            if (await quota.SaveWithinQuotaAsync(album.OwnerId, file.Length, cancellationToken) is { } refusal)
            {
                await ForgetAsync(photo);
                db.Entry(album).Property(a => a.UpdatedAt).IsModified = false;
                return QuotaExceeded(file, refusal);
            }
        }
        catch (DbUpdateException)
        {
            await ForgetAsync(photo);
            // The same file arrived through another request at the same moment; that one won.
            if (await FindExistingAsync(album.OwnerId, file.Sha256, CancellationToken.None) is { } raced)
            {
                return raced with { FileName = Shown(file) };
            }
            throw;
        }
        catch
        {
            await ForgetAsync(photo);
            throw;
        }

        await scheduler.DispatchAsync(job, cancellationToken);
        LogStored(logger, photo.Id, photo.Format.ToString(), photo.Width, photo.Height, file.Length);
        var stored = await views.FindAsync(album.OwnerId, photo.Id, cancellationToken);
        return new UploadedFileDto(photo.FileName, UploadOutcome.Stored, stored, null);
    }

    private static UploadedFileDto QuotaExceeded(ReceivedFile file, string refusal) =>
        new(Shown(file), UploadOutcome.Rejected, null, new UploadErrorDto(UploadQuota.ErrorCode, StatusCodes.Status413PayloadTooLarge, refusal));

    private ImageProbe Probe(ReceivedFile file)
    {
        if (file.Length == 0)
        {
            return prober.Probe(ReadOnlyMemory<byte>.Empty);
        }
        using var mapped = MappedFile.Open(file.Path);
        return prober.Probe(mapped.Memory);
    }

    private async Task<UploadedFileDto?> FindExistingAsync(string ownerId, string sha256, CancellationToken cancellationToken)
    {
        var id = await db.Photos.AsNoTracking()
            .Where(p => p.OwnerId == ownerId && p.Sha256 == sha256)
            .Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return null;
        }
        var photo = await views.FindAsync(ownerId, id.Value, cancellationToken);
        return new UploadedFileDto(photo?.FileName ?? string.Empty, UploadOutcome.Duplicate, photo, null);
    }

    /// <summary>Undoes a half-stored photo: its rows leave the unit of work and its blobs are deleted.</summary>
    private async Task ForgetAsync(Photo photo)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => (e.Entity is Photo p && p.Id == photo.Id) || (e.Entity is RestorationJob j && j.PhotoId == photo.Id)).ToList())
        {
            entry.State = EntityState.Detached;
        }
        await blobs.DeleteAsync(photo.OriginalBlob, CancellationToken.None);
        await blobs.DeleteAsync(photo.ThumbnailBlob, CancellationToken.None);
    }

    private static string Shown(ReceivedFile file) => FileNames.Sanitize(file.ClientName, ImageFormatKind.Jpeg);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored photo {PhotoId}: {Format} {Width}×{Height}, {Bytes} bytes.")]
    private static partial void LogStored(ILogger logger, Guid photoId, string format, int width, int height, long bytes);
}
