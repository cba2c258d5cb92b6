using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RestoreWeb.LoadBench;

/// <summary>Latencies and errors per kind of request, and the table the bench prints.</summary>
public sealed class Latencies
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _times = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errorSamples = new();

    public int Errors => _errors.Values.Sum();

    public IEnumerable<string> ErrorSamples => _errorSamples.Take(10);

    /// <summary>Times one request; a non-success status counts as an error of its kind.</summary>
    public async Task<HttpResponseMessage> TimeAsync(string kind, Func<Task<HttpResponseMessage>> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        var watch = Stopwatch.StartNew();
        var response = await send();
        // The body is part of the latency a user waits for.
        await response.Content.LoadIntoBufferAsync();
        _times.GetOrAdd(kind, _ => []).Add(watch.Elapsed.TotalMilliseconds);
        if (!response.IsSuccessStatusCode)
        {
            _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
            _errorSamples.Enqueue($"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return response;
    }

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| request | count | errors | p50 ms | p95 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (kind, bag) in _times.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var sorted = bag.Order().ToArray();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {sorted.Length} | {_errors.GetValueOrDefault(kind)} | {Percentile(sorted, 0.50):0} | {Percentile(sorted, 0.95):0} | {sorted[^1]:0} |"));
        }
        return text.ToString();
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
