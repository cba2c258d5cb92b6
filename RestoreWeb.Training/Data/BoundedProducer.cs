using System.Threading.Channels;

namespace RestoreWeb.Training.Data;

/// <summary>
/// Makes training batches on background threads while the model math runs, through a bounded queue. Batch k is a
/// pure function of (seed, k), so the sequence is the same whichever thread made which batch — and a resumed run
/// continues with exactly the batches it would have seen.
/// </summary>
public sealed class BoundedProducer<T> : IAsyncDisposable
{
    private readonly Channel<(int Index, T Item)> _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly SortedDictionary<int, T> _early = new();
    private int _next;

    /// <param name="make">Builds item k; must depend on k only (and immutable inputs).</param>
    public BoundedProducer(Func<int, T> make, int firstIndex, int capacity, int workers)
    {
        ArgumentNullException.ThrowIfNull(make);
        _next = firstIndex;
        _channel = Channel.CreateBounded<(int, T)>(new BoundedChannelOptions(capacity) { SingleReader = true });
        int claimed = firstIndex - 1;
        _workers = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                int index = Interlocked.Increment(ref claimed);
                T item = make(index);
                await _channel.Writer.WriteAsync((index, item), _stop.Token).ConfigureAwait(false);
            }
        })).ToArray();
    }

    /// <summary>Time the consumer spent waiting for data: a large share means the producer is the bottleneck.</summary>
    public TimeSpan Waited { get; private set; }

    public async Task<T> NextAsync(CancellationToken cancellationToken = default)
    {
        var started = DateTime.UtcNow;
        while (!_early.ContainsKey(_next))
        {
            var (index, item) = await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            _early[index] = item;
        }
        Waited += DateTime.UtcNow - started;
        var next = _early[_next];
        _early.Remove(_next);
        _next++;
        return next;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: workers blocked on a full queue are cancelled.
        }
        _stop.Dispose();
    }
}
