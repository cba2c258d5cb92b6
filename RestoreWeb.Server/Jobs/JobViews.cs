using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Jobs;

/// <summary>Turns job rows into the DTOs clients see, with queue positions and time estimates.</summary>
public sealed class JobViews(RestoreWebDbContext db, JobStorage storage, TimeProvider clock)
{
    public async Task<IReadOnlyList<JobDto>> ToDtosAsync(IQueryable<RestorationJob> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var rows = await jobs.AsNoTracking()
            .Select(j => new
            {
                Job = j,
                j.Photo!.AlbumId,
                ModelName = j.ModelVersion != null ? j.ModelVersion.Name : null,
                ModelVersion = j.ModelVersion != null ? j.ModelVersion.Version : null,
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }
        QueueEstimate? estimate = rows.Any(r => r.Job.State is JobState.Queued or JobState.Running)
            ? await QueueEstimate.LoadAsync(db, storage, cancellationToken)
            : null;
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. rows.Select(r => ToDto(r.Job, r.AlbumId, r.ModelName, r.ModelVersion, estimate, now))];
    }

    public async Task<JobDto?> FindAsync(string ownerId, Guid jobId, CancellationToken cancellationToken) =>
        (await ToDtosAsync(db.Jobs.Where(j => j.Id == jobId && j.OwnerId == ownerId), cancellationToken)).FirstOrDefault();

    private static JobDto ToDto(RestorationJob job, Guid albumId, string? modelName, string? modelVersion, QueueEstimate? estimate, DateTime now)
    {
        bool succeeded = job.State == JobState.Succeeded;
        var timings = job.TimingsJson is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? []
            : new Dictionary<string, double>();
        var plan = job.PlanTiled is { } tiled
            ? new JobPlanDto(tiled, job.PlanTileSize ?? 0, job.PlanTileCount ?? 0, job.PlanReason)
            : null;
        return new JobDto(
            job.Id,
            job.PhotoId,
            albumId,
            job.State,
            job.Stage,
            job.Progress,
            new JobOptionsDto(job.RepairScratches, job.DetectScratches, job.StretchContrast),
            job.DrawnMaskBlob is not null,
            estimate?.PositionOf(job),
            estimate?.SecondsRemaining(job, now),
            job.FailureReason,
            modelName,
            modelVersion,
            job.ExecutionProvider,
            job.ExecutionProviderFallback,
            plan,
            timings,
            job.Attempts,
            Utc(job.CreatedAt),
            job.StartedAt is { } started ? Utc(started) : null,
            job.FinishedAt is { } finished ? Utc(finished) : null,
            Utc(job.UpdatedAt),
            succeeded && job.ResultBlob is not null ? $"/api/jobs/{job.Id}/result" : null,
            succeeded && job.MaskBlob is not null ? $"/api/jobs/{job.Id}/mask" : null);
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
