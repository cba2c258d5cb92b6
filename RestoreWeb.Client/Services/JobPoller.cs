using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Services;

/// <summary>
/// Live job progress without reloading: asks the jobs-changes endpoint every <see cref="Interval"/> while the page
/// still has a queued or running job, carrying the server's cursor from one poll to the next. It stops on its own
/// when nothing is active and is started again when something new is queued.
/// </summary>
public sealed class JobPoller : IAsyncDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    private readonly JobsClient _jobs;
    private readonly TimeProvider _clock;
    private readonly Func<IReadOnlyList<JobDto>, Task> _onChanges;
    private readonly Func<bool> _hasActiveJobs;
    private readonly Func<ApiException, Task> _onError;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private DateTimeOffset? _cursor;

    /// <param name="onChanges">Receives each poll's jobs (newest change first; a job may come twice).</param>
    /// <param name="hasActiveJobs">Asked before every poll: false ends polling until <see cref="Start"/> is called again.</param>
    /// <param name="onError">Told about the first failure of a run of failures; polling goes on, as most failures pass.</param>
    public JobPoller(
        JobsClient jobs, TimeProvider clock, Func<IReadOnlyList<JobDto>, Task> onChanges, Func<bool> hasActiveJobs, Func<ApiException, Task> onError)
    {
        _jobs = jobs ?? throw new ArgumentNullException(nameof(jobs));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _onChanges = onChanges ?? throw new ArgumentNullException(nameof(onChanges));
        _hasActiveJobs = hasActiveJobs ?? throw new ArgumentNullException(nameof(hasActiveJobs));
        _onError = onError ?? throw new ArgumentNullException(nameof(onError));
    }

    public TimeSpan Interval { get; init; } = DefaultInterval;

    public bool IsRunning => !_loop.IsCompleted;

    /// <summary>Starts polling unless it is already running.</summary>
    /// <param name="knownUpTo">Where the first poll starts when none has run yet: the newest change the page already shows. Null asks for everything once.</param>
    public void Start(DateTimeOffset? knownUpTo)
    {
        if (IsRunning || _stop.IsCancellationRequested)
        {
            return;
        }
        _cursor ??= knownUpTo;
        _loop = RunAsync(_stop.Token);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        bool failing = false;
        while (_hasActiveJobs() && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, _clock, cancellationToken);
                var changes = await _jobs.ChangesAsync(_cursor, cancellationToken);
                _cursor = changes.Cursor;
                failing = false;
                await _onChanges(changes.Jobs);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiException e)
            {
                if (!failing)
                {
                    failing = true;
                    await _onError(e);
                }
                if (e.IsUnauthorized)
                {
                    // Signed out elsewhere: polling cannot succeed again on this page.
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation; nothing else to report at disposal.
        }
        _stop.Dispose();
    }
}
