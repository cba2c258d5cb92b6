using Microsoft.Extensions.Time.Testing;

namespace RestoreWeb.Client.Tests.Support;

/// <summary>
/// A fake clock that also counts the poller's waits made on it, so that a test advances time only once the poller is
/// actually waiting: advancing earlier would pass unnoticed by a timer created a moment later. Only one-shot timers of
/// the poll interval count; MudBlazor takes its timers from the same TimeProvider.
/// </summary>
internal sealed class PollingClock() : FakeTimeProvider(Dtos.T0)
{
    private int _timers;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == RestoreWeb.Client.Services.JobPoller.DefaultInterval && period == Timeout.InfiniteTimeSpan)
        {
            Interlocked.Increment(ref _timers);
        }
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits for the <paramref name="count"/>th timer (the poller's next wait), then lets it run out.</summary>
    public async Task AdvanceOnceWaitingAsync(int count, TimeSpan by)
    {
        for (int i = 0; i < 500 && TimersCreated < count; i++)
        {
            await Task.Delay(10);
        }
        Assert.True(TimersCreated >= count, $"Expected timer {count} to be made; {TimersCreated} were.");
        Advance(by);
    }
}
