namespace RestoreWeb.LoadBench;

/// <summary>Samples a process's resident memory every 100 ms and keeps the peak.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public MemorySampler(Func<long> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        Start = read();
        _peak = Start;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                long now = read();
                if (now > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, now);
                }
                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public long Start { get; }

    public long Peak => Interlocked.Read(ref _peak);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
