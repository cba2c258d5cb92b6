using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Jobs;

namespace RestoreWeb.Server.Photos;

/// <summary>Turns photo rows into DTOs, each with its latest restoration job.</summary>
public sealed class PhotoViews(RestoreWebDbContext db, JobViews jobs)
{
    public async Task<IReadOnlyList<PhotoDto>> ToDtosAsync(IQueryable<Photo> photos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photos);
        var rows = await photos.AsNoTracking()
            .Select(p => new
            {
                Photo = p,
                LatestJobId = p.Jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Select(j => (Guid?)j.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var jobIds = rows.Where(r => r.LatestJobId is not null).Select(r => r.LatestJobId!.Value).ToList();
        var latest = jobIds.Count == 0
            ? []
            : (await jobs.ToDtosAsync(db.Jobs.Where(j => jobIds.Contains(j.Id)), cancellationToken)).ToDictionary(j => j.Id);
        return [.. rows.Select(r => ToDto(r.Photo, r.LatestJobId is { } id ? latest.GetValueOrDefault(id) : null))];
    }

    public async Task<PhotoDto?> FindAsync(string ownerId, Guid photoId, CancellationToken cancellationToken) =>
        (await ToDtosAsync(db.Photos.Where(p => p.Id == photoId && p.OwnerId == ownerId), cancellationToken)).FirstOrDefault();

    private static PhotoDto ToDto(Photo photo, JobDto? latestJob) => new(
        photo.Id,
        photo.AlbumId,
        photo.FileName,
        photo.Format.DisplayName(),
        photo.Width,
        photo.Height,
        photo.SizeBytes,
        photo.Sha256,
        new DateTimeOffset(DateTime.SpecifyKind(photo.UploadedAt, DateTimeKind.Utc)),
        $"/api/photos/{photo.Id}/thumbnail",
        $"/api/photos/{photo.Id}/original",
        latestJob);
}
