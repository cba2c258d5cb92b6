using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Albums;

/// <summary>Albums as the album list shows them: counts by the state of each photo's latest job and a cover.</summary>
public sealed class AlbumViews(RestoreWebDbContext db)
{
    public async Task<IReadOnlyList<AlbumDto>> ToDtosAsync(IQueryable<Album> albums, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(albums);
        var rows = await albums.AsNoTracking()
            .Select(a => new
            {
                a.Id,
                a.Name,
                a.CreatedAt,
                a.UpdatedAt,
                Cover = a.Photos.OrderByDescending(p => p.UploadedAt).ThenByDescending(p => p.Id).Select(p => (Guid?)p.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var latestStates = await db.Photos.AsNoTracking()
            .Where(p => ids.Contains(p.AlbumId))
            .Select(p => new
            {
                p.AlbumId,
                State = p.Jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Select(j => (JobState?)j.State).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var byAlbum = latestStates.ToLookup(s => s.AlbumId, s => s.State);

        return [.. rows.Select(r =>
        {
            var states = byAlbum[r.Id].ToList();
            int Count(JobState state) => states.Count(s => s == state);
            var counts = new PhotoStatusCounts(
                states.Count(s => s is null), Count(JobState.Queued), Count(JobState.Running),
                Count(JobState.Succeeded), Count(JobState.Failed), Count(JobState.Cancelled));
            return new AlbumDto(r.Id, r.Name, Utc(r.CreatedAt), Utc(r.UpdatedAt), states.Count,
                r.Cover is { } cover ? $"/api/photos/{cover}/thumbnail" : null, counts);
        })];
    }

    public async Task<AlbumDto?> FindAsync(string ownerId, Guid albumId, CancellationToken cancellationToken) =>
        (await ToDtosAsync(db.Albums.Where(a => a.Id == albumId && a.OwnerId == ownerId), cancellationToken)).FirstOrDefault();

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
