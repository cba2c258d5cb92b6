using Hangfire;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Models;

namespace RestoreWeb.Server.Jobs;

/// <summary>What a cancel or retry found.</summary>
public enum JobChange
{
    Done,
    NotFound,
    NotAllowed,
}

/// <summary>
/// Creates, cancels and retries restoration jobs. The job row is written first and is the truth; Hangfire only
/// carries the job id to a worker, which re-reads everything from the row.
/// </summary>
public sealed class JobScheduler(RestoreWebDbContext db, IBackgroundJobClient hangfire, IModelRegistry models, TimeProvider clock)
{
    public const string Queue = "restore";

    /// <summary>
    /// Adds (without saving) a job for <paramref name="photo"/>, pinned to the current production model. With no model
    /// installed the job is created already failed, with the reason a user should read.
    /// </summary>
    public async Task<RestorationJob> AddAsync(Photo photo, JobOptionsDto options, CancellationToken cancellationToken, Guid? jobId = null, string? drawnMaskBlob = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(options);
        var production = await models.FindByAliasAsync(ModelAlias.Production, cancellationToken);
        var now = Now;
        var job = new RestorationJob
        {
            Id = jobId ?? Guid.CreateVersion7(),
            OwnerId = photo.OwnerId,
            PhotoId = photo.Id,
            ModelVersionId = production?.Id,
            RepairScratches = options.RepairScratches,
            DetectScratches = options.DetectScratches,
            StretchContrast = options.StretchContrast,
            DrawnMaskBlob = drawnMaskBlob,
            State = production is null ? JobState.Failed : JobState.Queued,
            FailureReason = production is null ? ModelHealthCheck.NoModelInstalled : null,
            FinishedAt = production is null ? now : null,
            CreatedAt = now,
            QueuedAt = now,
            UpdatedAt = now,
        };
        db.Jobs.Add(job);
        return job;
    }

    /// <summary>
    /// The photos among <paramref name="photoIds"/> whose newest job stretched its contrast: a new mask or a new model
    /// keeps the user's choice. One query for any number of photos (a reprocess may cover an entire library).
    /// </summary>
    public async Task<HashSet<Guid>> StretchingContrastAsync(IReadOnlyCollection<Guid> photoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photoIds);
        // Only each photo's newest job is read, through the (PhotoId, CreatedAt) index: a photo's history can be long.
        var stretching = await db.Jobs
            .Where(j => photoIds.Contains(j.PhotoId) && j.StretchContrast
                        && !db.Jobs.Any(newer => newer.PhotoId == j.PhotoId && newer.CreatedAt > j.CreatedAt))
            .Select(j => j.PhotoId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. stretching];
    }

    /// <summary>Hands a committed, queued job to Hangfire's "restore" queue.</summary>
    public async Task DispatchAsync(RestorationJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.State != JobState.Queued)
        {
            return;
        }
        Guid id = job.Id;
        job.HangfireJobId = hangfire.Enqueue<RestorationJobRunner>(Queue, runner => runner.RunAsync(id, CancellationToken.None));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Cancels a queued or running job. A running job stops at its next progress report, when its worker sees the new state.</summary>
    public async Task<(JobChange Change, RestorationJob? Job)> CancelAsync(string ownerId, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId && j.OwnerId == ownerId, cancellationToken);
        if (job is null)
        {
            return (JobChange.NotFound, null);
        }
        if (job.State is not (JobState.Queued or JobState.Running))
        {
            return (JobChange.NotAllowed, job);
        }
        var now = Now;
        int changed = await db.Jobs
            .Where(j => j.Id == jobId && (j.State == JobState.Queued || j.State == JobState.Running))
            .ExecuteUpdateAsync(set => set
                .SetProperty(j => j.State, JobState.Cancelled)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.UpdatedAt, now)
                .SetProperty(j => j.RunToken, (Guid?)null), cancellationToken);
        var current = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId, cancellationToken);
        if (changed == 0)
        {
            // It finished between the read and the update.
            return (JobChange.NotAllowed, current);
        }
        if (job.State == JobState.Queued && job.HangfireJobId is { } queued)
        {
            // Only a queued job is taken off the queue; deleting a processing one would look like a shutdown to its worker.
            hangfire.Delete(queued);
        }
        return (JobChange.Done, current);
    }

    /// <summary>Queues a failed or cancelled job again with the same options; its result keeps the job's one result name.</summary>
    public async Task<(JobChange Change, RestorationJob? Job)> RetryAsync(string ownerId, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId && j.OwnerId == ownerId, cancellationToken);
        if (job is null)
        {
            return (JobChange.NotFound, null);
        }
        if (job.State is not (JobState.Failed or JobState.Cancelled))
        {
            return (JobChange.NotAllowed, job);
        }
        if (job.ModelVersionId is null)
        {
            // Created while no model was installed: it takes whatever is production now.
            job.ModelVersionId = (await models.FindByAliasAsync(ModelAlias.Production, cancellationToken))?.Id;
            if (job.ModelVersionId is null)
            {
                return (JobChange.NotAllowed, job);
            }
        }
        var now = Now;
        job.State = JobState.Queued;
        job.Stage = null;
        job.Progress = 0;
        job.FailureReason = null;
        job.RunToken = null;
        job.HeartbeatAt = null;
        job.StartedAt = null;
        job.FinishedAt = null;
        job.QueuedAt = now;
        job.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await DispatchAsync(job, cancellationToken);
        return (JobChange.Done, job);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
