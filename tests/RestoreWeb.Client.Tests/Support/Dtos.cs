using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Tests.Support;

/// <summary>DTOs as the server sends them, with only what a test cares about spelled out.</summary>
internal static class Dtos
{
    public static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    public static AlbumDto Album(Guid id, string name = "Grandma's box", int photos = 0, PhotoStatusCounts? counts = null) =>
        new(id, name, T0, T0, photos, photos > 0 ? $"/api/photos/{Guid.NewGuid()}/thumbnail" : null, counts ?? new PhotoStatusCounts(photos, 0, 0, 0, 0, 0));

    public static PhotoDto Photo(Guid albumId, JobDto? job = null, Guid? id = null, string fileName = "wedding.jpg", int width = 400, int height = 200)
    {
        var photoId = id ?? job?.PhotoId ?? Guid.NewGuid();
        return new PhotoDto(photoId, albumId, fileName, "JPEG", width, height, 123_456, new string('a', 64), T0,
            $"/api/photos/{photoId}/thumbnail", $"/api/photos/{photoId}/original", job);
    }

    public static JobDto Job(
        Guid photoId, Guid albumId, JobState state, DateTimeOffset updatedAt, double progress = 0, Guid? id = null, DateTimeOffset? createdAt = null)
    {
        var jobId = id ?? Guid.NewGuid();
        bool done = state == JobState.Succeeded;
        return new JobDto(jobId, photoId, albumId, state, state == JobState.Running ? "restore" : null, progress, new JobOptionsDto(), false,
            state == JobState.Queued ? 1 : null, state.IsActive() ? 30 : null, null, "starter", "1.0.0", "CPU", null, null,
            new Dictionary<string, double>(), 1, createdAt ?? T0, null, null, updatedAt,
            done ? $"/api/jobs/{jobId}/result" : null, null);
    }
}
