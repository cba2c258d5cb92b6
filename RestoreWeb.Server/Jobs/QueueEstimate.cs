using Hangfire;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Jobs;

/// <summary>
/// Where queued jobs stand and roughly when they will be done, from the database and Hangfire's server list
/// (so it is right whichever process asks): the average duration of recent successful jobs, the progress of the
/// running ones and the number of workers serving the "restore" queue.
/// </summary>
public sealed class QueueEstimate
{
    private const int RecentJobs = 20;

    private readonly Dictionary<Guid, int> _positions;
    private readonly List<double> _runningRemaining;
    private readonly double? _averageSeconds;
    private readonly int _workers;

    private QueueEstimate(Dictionary<Guid, int> positions, List<double> runningRemaining, double? averageSeconds, int workers)
    {
        _positions = positions;
        _runningRemaining = runningRemaining;
        _averageSeconds = averageSeconds;
        _workers = Math.Max(1, workers);
    }

    public static async Task<QueueEstimate> LoadAsync(RestoreWebDbContext db, JobStorage storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(storage);
        var queued = await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Queued)
            .OrderBy(j => j.QueuedAt).ThenBy(j => j.Id)
            .Select(j => j.Id)
            .ToListAsync(cancellationToken);
        var durations = await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Succeeded && j.DurationSeconds != null)
            .OrderByDescending(j => j.FinishedAt)
            .Take(RecentJobs)
            .Select(j => j.DurationSeconds!.Value)
            .ToListAsync(cancellationToken);
        var running = await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Running)
            .Select(j => j.Progress)
            .ToListAsync(cancellationToken);

        double? average = durations.Count > 0 ? durations.Average() : null;
        var positions = new Dictionary<Guid, int>(queued.Count);
        for (int i = 0; i < queued.Count; i++)
        {
            positions[queued[i]] = i + 1;
        }
        var remaining = average is { } mean ? running.Select(p => mean * (1 - Math.Clamp(p, 0, 1))).ToList() : [];
        int workers = storage.GetMonitoringApi().Servers()
            .Where(s => s.Queues.Contains(JobScheduler.Queue, StringComparer.Ordinal))
            .Sum(s => s.WorkersCount);
        return new QueueEstimate(positions, remaining, average, workers);
    }

    public int? PositionOf(RestorationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.State == JobState.Queued && _positions.TryGetValue(job.Id, out int position) ? position : null;
    }

    /// <summary>Seconds until the job is done; null when it is finished or nothing has finished recently to go by.</summary>
    public double? SecondsRemaining(RestorationJob job, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.State == JobState.Running)
        {
            // Its own pace once it has made some headway; otherwise what recent jobs took.
            if (job.StartedAt is { } started && job.Progress >= 0.1)
            {
                double elapsed = Math.Max(0, (now - started).TotalSeconds);
                return Math.Round(elapsed / job.Progress * (1 - job.Progress), 1);
            }
            return _averageSeconds is { } mean ? Math.Round(mean * (1 - job.Progress), 1) : null;
        }
        if (PositionOf(job) is not { } position || _averageSeconds is not { } average)
        {
            return null;
        }
        double ahead = _runningRemaining.Sum() + ((position - 1) * average);
        return Math.Round((ahead / _workers) + average, 1);
    }
}
