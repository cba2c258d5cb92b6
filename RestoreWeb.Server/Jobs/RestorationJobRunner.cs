using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Hosting;
using RestoreWeb.Server.Models;
using RestoreWeb.Server.Storage;
using RestoreWeb.Server.Telemetry;

namespace RestoreWeb.Server.Jobs;

/// <summary>
/// The Hangfire job on queue "restore". Hangfire may run it twice (a retry, a worker that died, a duplicate
/// delivery), so a run first claims the row; a run that cannot claim it because it is finished or cancelled does
/// nothing, and one held by another run waits until that run finishes (then does nothing) or stops beating (then
/// takes it over). The result goes to a name derived from the job alone, so a repeated run overwrites it.
/// </summary>
public sealed partial class RestorationJobRunner(
    IServiceScopeFactory scopes,
    PipelineCache pipelines,
    IBlobStore blobs,
    IOptions<RestoreWebOptions> options,
    TimeProvider clock,
    RestoreWebMetrics metrics,
    ILogger<RestorationJobRunner> logger)
{
    // Failures are recorded on the row by the run itself; Hangfire retries only what escapes (the database away).
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [15, 60, 300])]
    [JobDisplayName("Restore photo, job {0}")]
    public async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var jobs = options.Value.Jobs;
        Guid runToken = Guid.NewGuid();
        RestorationJob? job;
        bool waited = false;
        while ((job = await ClaimAsync(jobId, runToken, jobs.StaleAfter, cancellationToken)) is null)
        {
            if (!await IsRunningAsync(jobId, cancellationToken))
            {
                LogNotClaimed(logger, jobId);
                return;
            }
            // Another run holds the job and beat recently. It may be alive (a duplicate delivery: this one ends as
            // soon as that one finishes), or it may have died moments ago: then this delivery, Hangfire's only one
            // left, must take the job over once the heartbeat is stale rather than drop it.
            if (!waited)
            {
                LogWaitingForOwner(logger, jobId);
                waited = true;
            }
            await Task.Delay(jobs.StaleAfter / 4, clock, cancellationToken);
        }

        try
        {
            await RunClaimedAsync(job, runToken, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            // Shutdown, or storage or the database failing around the restoration: give the job back to the queue so
            // that Hangfire's retry (or the next worker) claims it at once instead of waiting for it to go stale.
            await ReleaseAsync(jobId, runToken);
            throw;
        }
    }

    private async Task RunClaimedAsync(RestorationJob job, Guid runToken, CancellationToken cancellationToken)
    {
        var jobs = options.Value.Jobs;
        var watch = Stopwatch.StartNew();
        RestorationResult result;
        await using (var pump = new JobProgressPump(scopes, job.Id, runToken, jobs.ProgressInterval, jobs.StaleAfter, clock, logger))
        {
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, pump.Stopped);
                result = await RestoreAsync(job, pump.Progress, linked.Token);
            }
            catch (OperationCanceledException) when (pump.IsStopped && !cancellationToken.IsCancellationRequested)
            {
                LogStopped(logger, job.Id);
                metrics.JobEnded(watch.Elapsed, null, "stopped");
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && IsTheJobsFault(e))
            {
                if (e is not JobFailedException and not ImageRejectedException)
                {
                    LogFailed(logger, job.Id, e);
                }
                await FinishAsync(job.Id, runToken, set => set
                    .SetProperty(j => j.State, JobState.Failed)
                    .SetProperty(j => j.FailureReason, UserFacingReason(e, job)), cancellationToken);
                metrics.JobFailed(watch.Elapsed, e switch { ImageRejectedException => "photo", JobFailedException => "job", _ => "unexpected" });
                return;
            }
        }
        await CompleteAsync(job, runToken, result, watch.Elapsed, cancellationToken);
    }

    private async Task<RestorationJob?> ClaimAsync(Guid jobId, Guid runToken, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RestoreWebDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - staleAfter;
        if (await QueuePause.IsPausedAsync(db, cancellationToken))
        {
            // The job stays queued in the database; resuming the queue hands it to Hangfire again. A dead worker's
            // job is put back in the queue first, or no one would ever pick it up.
            await db.Jobs
                .Where(j => j.Id == jobId && j.State == JobState.Running && (j.HeartbeatAt == null || j.HeartbeatAt < staleBefore))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(j => j.State, JobState.Queued)
                    .SetProperty(j => j.RunToken, (Guid?)null)
                    .SetProperty(j => j.UpdatedAt, now), cancellationToken);
            LogPaused(logger, jobId);
            return null;
        }
        // Queued, or running under a worker that has stopped beating: anything else belongs to someone else or is done.
        int claimed = await db.Jobs
            .Where(j => j.Id == jobId && (j.State == JobState.Queued
                || (j.State == JobState.Running && (j.HeartbeatAt == null || j.HeartbeatAt < staleBefore))))
            .ExecuteUpdateAsync(set => set
                .SetProperty(j => j.State, JobState.Running)
                .SetProperty(j => j.RunToken, runToken)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.Stage, "starting")
                .SetProperty(j => j.Progress, 0d)
                .SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.HeartbeatAt, now)
                .SetProperty(j => j.UpdatedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }
        return await db.Jobs.AsNoTracking()
            .Include(j => j.Photo)
            .Include(j => j.ModelVersion)
            .FirstAsync(j => j.Id == jobId, cancellationToken);
    }

    private async Task<bool> IsRunningAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RestoreWebDbContext>();
        return !await QueuePause.IsPausedAsync(db, cancellationToken)
            && await db.Jobs.AnyAsync(j => j.Id == jobId && j.State == JobState.Running, cancellationToken);
    }

    private async Task<RestorationResult> RestoreAsync(RestorationJob job, IProgress<RestorationProgress> progress, CancellationToken cancellationToken)
    {
        var version = job.ModelVersion ?? throw new JobFailedException(ModelHealthCheck.NoModelInstalled);
        var photo = job.Photo ?? throw new JobFailedException("The photo of this job was deleted.");
        LoadedModel model;
        try
        {
            model = await pipelines.GetAsync(version, cancellationToken);
        }
        catch (Exception e) when (e is ModelPackageException or BlobNotFoundException)
        {
            throw new JobFailedException(
                $"The model version {version.Name} {version.Version} cannot be loaded, so no photo can be restored with it. An administrator must reinstall or replace it. ({e.Message})", e);
        }
        if (job.RepairScratches && !model.CanRepairScratches)
        {
            throw new JobFailedException(
                $"The model version {version.Name} {version.Version} cannot repair scratches. Restore the photo without scratch repair, or ask an administrator for a model that can.");
        }

        byte[] original = await blobs.ReadAllBytesAsync(photo.OriginalBlob, cancellationToken);
        GrayImage? drawn = job.DrawnMaskBlob is { } maskBlob ? MaskPng.Decode(await blobs.ReadAllBytesAsync(maskBlob, cancellationToken)) : null;
        var request = new RestorationRequest(original, job.RepairScratches, job.DetectScratches, drawn,
            Stretch: job.StretchContrast ? OutputStretch.MinMax : RestorationRequest.DefaultStretch);
        // The pipeline is CPU-bound and synchronous; it reports through the pump from this thread-pool thread.
        return await Task.Run(() => model.Pipeline.Restore(request, progress, cancellationToken), cancellationToken);
    }

    private async Task CompleteAsync(RestorationJob job, Guid runToken, RestorationResult result, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        string resultBlob = BlobNames.Result(job.PhotoId, job.Id, result.Format);
        using (var output = new MemoryStream(result.Output, writable: false))
        {
            await blobs.PutAsync(resultBlob, output, OutputFormatPolicy.ContentType(result.Format), cancellationToken);
        }
        string? maskBlob = null;
        if (result.Mask is { } mask)
        {
            maskBlob = BlobNames.Mask(job.PhotoId, job.Id);
            using var png = new MemoryStream(MaskPng.Encode(mask), writable: false);
            await blobs.PutAsync(maskBlob, png, "image/png", cancellationToken);
        }

        var timings = result.Timings.ToDictionary(t => t.Key, t => Math.Round(t.Value.TotalSeconds, 3), StringComparer.Ordinal);
        bool recorded = await FinishAsync(job.Id, runToken, set => set
            .SetProperty(j => j.State, JobState.Succeeded)
            .SetProperty(j => j.Stage, "done")
            .SetProperty(j => j.Progress, 1d)
            .SetProperty(j => j.ResultBlob, resultBlob)
            .SetProperty(j => j.ResultFormat, result.Format)
            .SetProperty(j => j.MaskBlob, maskBlob)
            .SetProperty(j => j.ExecutionProvider, result.ExecutionProvider)
            .SetProperty(j => j.ExecutionProviderFallback, result.ExecutionProviderFallback)
            .SetProperty(j => j.PlanTiled, result.Plan.Tiled)
            .SetProperty(j => j.PlanTileSize, result.Plan.TileSize)
            .SetProperty(j => j.PlanTileCount, result.Plan.TileCount)
            .SetProperty(j => j.PlanReason, result.Plan.Reason)
            .SetProperty(j => j.TimingsJson, JsonSerializer.Serialize(timings))
            .SetProperty(j => j.DurationSeconds, elapsed.TotalSeconds), cancellationToken);
        if (!recorded)
        {
            await DiscardUnlessOwnedAsync(job.Id, resultBlob, maskBlob);
        }
        metrics.JobEnded(elapsed, result.ExecutionProvider, recorded ? "succeeded" : "discarded");
        LogFinished(logger, job.Id, recorded ? "succeeded" : "finished after it was cancelled or deleted", elapsed.TotalSeconds);
    }

    /// <summary>Sets the final state, only while this run still owns the running job.</summary>
    private async Task<bool> FinishAsync(
        Guid jobId, Guid runToken,
        Action<UpdateSettersBuilder<RestorationJob>> outcome,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RestoreWebDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        int changed = await db.Jobs
            .Where(j => j.Id == jobId && j.RunToken == runToken && j.State == JobState.Running)
            .ExecuteUpdateAsync(set =>
            {
                set.SetProperty(j => j.FinishedAt, now)
                    .SetProperty(j => j.HeartbeatAt, now)
                    .SetProperty(j => j.UpdatedAt, now);
                outcome(set);
            }, cancellationToken);
        return changed > 0;
    }

    /// <summary>A job cancelled or deleted while its result was being written must not keep the result.</summary>
    private async Task DiscardUnlessOwnedAsync(Guid jobId, string resultBlob, string? maskBlob)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RestoreWebDbContext>();
        var state = await db.Jobs.Where(j => j.Id == jobId).Select(j => (JobState?)j.State).FirstOrDefaultAsync();
        if (state is null or JobState.Cancelled)
        {
            await blobs.DeleteAsync(resultBlob);
            if (maskBlob is not null)
            {
                await blobs.DeleteAsync(maskBlob);
            }
        }
    }

    /// <summary>Puts a job this run owns back in the queue; best effort, since the database may be what failed.</summary>
    private async Task ReleaseAsync(Guid jobId, Guid runToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RestoreWebDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Jobs
                .Where(j => j.Id == jobId && j.RunToken == runToken && j.State == JobState.Running)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(j => j.State, JobState.Queued)
                    .SetProperty(j => j.RunToken, (Guid?)null)
                    .SetProperty(j => j.HeartbeatAt, (DateTime?)null)
                    .SetProperty(j => j.Stage, (string?)null)
                    .SetProperty(j => j.Progress, 0d)
                    .SetProperty(j => j.UpdatedAt, now));
        }
        catch (Exception e) when (e is DbUpdateException or DbException or InvalidOperationException)
        {
            // The claim goes stale instead, and a later delivery takes the job over.
            LogReleaseFailed(logger, jobId, e);
        }
    }

    /// <summary>
    /// Failures that running the job again would not cure: the photo, the mask or the model. Storage or database
    /// trouble is not the job's fault; Hangfire retries those.
    /// </summary>
    private static bool IsTheJobsFault(Exception e) =>
        e is not (IOException or TimeoutException or Azure.RequestFailedException or DbUpdateException or DbException);

    private static string UserFacingReason(Exception e, RestorationJob job) => e switch
    {
        JobFailedException or ImageRejectedException => e.Message,
        BlobNotFoundException => "The original of this photo is missing from storage. Upload the photo again.",
        OutOfMemoryException => "The server ran out of memory restoring this photo. Try again later, or upload a smaller scan.",
        _ => $"The restoration failed unexpectedly. Try again; if it fails again, tell the administrator (job {job.Id}).",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was not claimed: it is finished, cancelled, deleted or running elsewhere.")]
    private static partial void LogNotClaimed(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} is held by another run; waiting until it finishes or its heartbeat goes stale.")]
    private static partial void LogWaitingForOwner(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} stopped at its next progress report: it was cancelled, deleted or taken over.")]
    private static partial void LogStopped(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not be put back in the queue; it will be taken over once its claim is stale.")]
    private static partial void LogReleaseFailed(ILogger logger, Guid jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed.")]
    private static partial void LogFailed(ILogger logger, Guid jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The restore queue is paused: job {JobId} stays queued until an administrator resumes it.")]
    private static partial void LogPaused(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} {Outcome} in {Seconds:0.00} s.")]
    private static partial void LogFinished(ILogger logger, Guid jobId, string outcome, double seconds);
}

/// <summary>A job that cannot succeed, with the reason written for the user.</summary>
public sealed class JobFailedException : Exception
{
    public JobFailedException(string message)
        : base(message)
    {
    }

    public JobFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
