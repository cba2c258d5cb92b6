using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Jobs;

/// <summary>
/// Connects a running restoration to its job row. The pipeline reports progress on its own thread as often as it
/// likes; this keeps only the latest report and, at most once per interval, writes it to the row together with a
/// heartbeat. Each write only applies while the row still says this run owns a running job, so the same statement
/// notices a cancel, a deletion or a takeover, and then <see cref="Stopped"/> fires: the pipeline stops at its
/// next progress report.
/// </summary>
public sealed partial class JobProgressPump : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly Guid _jobId;
    private readonly Guid _runToken;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _heartbeatEvery;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopped = new();
    private readonly CancellationTokenSource _end = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private RestorationProgress? _latest;
    private bool _dirty;
    private DateTime _lastHeartbeat;

    public JobProgressPump(IServiceScopeFactory scopes, Guid jobId, Guid runToken, TimeSpan interval, TimeSpan staleAfter, TimeProvider clock, ILogger logger)
    {
        _scopes = scopes;
        _jobId = jobId;
        _runToken = runToken;
        _clock = clock;
        _logger = logger;
        _heartbeatEvery = staleAfter / 4;
        _lastHeartbeat = clock.GetUtcNow().UtcDateTime;
        Progress = new InlineProgress<RestorationProgress>(Report);
        _loop = RunAsync(interval);
    }

    /// <summary>Give this to the pipeline. It throws <see cref="OperationCanceledException"/> once the run must stop.</summary>
    public IProgress<RestorationProgress> Progress { get; }

    /// <summary>Fires when the row no longer belongs to this run: cancelled, deleted, or taken over by another worker.</summary>
    public CancellationToken Stopped => _stopped.Token;

    public bool IsStopped => _stopped.IsCancellationRequested;

    public async ValueTask DisposeAsync()
    {
        await _end.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }
        _end.Dispose();
        _stopped.Dispose();
    }

    private void Report(RestorationProgress progress)
    {
        lock (_gate)
        {
            _latest = progress;
            _dirty = true;
        }
        _stopped.Token.ThrowIfCancellationRequested();
    }

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _clock);
        while (await timer.WaitForNextTickAsync(_end.Token))
        {
            try
            {
                if (!await TickAsync(_end.Token))
                {
                    await _stopped.CancelAsync();
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy database is no reason to stop a restoration; the next tick tries again.
                LogTickFailed(_logger, _jobId, e);
            }
        }
    }

    /// <returns>False when the row says this run must stop.</returns>
    private async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        RestorationProgress? latest;
        lock (_gate)
        {
            latest = _dirty ? _latest : null;
            _dirty = false;
        }
        var now = _clock.GetUtcNow().UtcDateTime;
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RestoreWebDbContext>();
        var mine = db.Jobs.Where(j => j.Id == _jobId && j.RunToken == _runToken && j.State == JobState.Running);
        if (latest is not null)
        {
            _lastHeartbeat = now;
            return await mine.ExecuteUpdateAsync(set => set
                .SetProperty(j => j.Stage, latest.Stage)
                .SetProperty(j => j.Progress, latest.Fraction)
                .SetProperty(j => j.HeartbeatAt, now)
                .SetProperty(j => j.UpdatedAt, now), cancellationToken) > 0;
        }
        if (now - _lastHeartbeat >= _heartbeatEvery)
        {
            _lastHeartbeat = now;
            return await mine.ExecuteUpdateAsync(set => set.SetProperty(j => j.HeartbeatAt, now), cancellationToken) > 0;
        }
        return await mine.AnyAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the progress of job {JobId}; will try again.")]
    private static partial void LogTickFailed(ILogger logger, Guid jobId, Exception exception);
}
