using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Telemetry;

/// <summary>
/// Meter "RestoreWeb": the queue (read from the database, so every process reports the whole queue), how long
/// restorations take and how they end, and the execution provider this process restores with.
/// </summary>
public sealed partial class RestoreWebMetrics
{
    public const string MeterName = "RestoreWeb";

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<RestoreWebMetrics> _logger;
    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _jobFailures;
    private string? _executionProvider;

    public RestoreWebMetrics(IMeterFactory meters, IServiceScopeFactory scopes, ILogger<RestoreWebMetrics> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _scopes = scopes;
        _logger = logger;
        // From the host's meter factory: a second host in the same process (tests) gets its own meter.
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("restoreweb.queue.depth", ObserveQueue, unit: "{job}",
            description: "Restoration jobs per state, across all processes.");
        _jobDuration = meter.CreateHistogram<double>("restoreweb.job.duration", unit: "s",
            description: "Time from a worker claiming a restoration job to its end, by execution provider and outcome.");
        _jobFailures = meter.CreateCounter<long>("restoreweb.job.failures", unit: "{job}",
            description: "Restoration jobs that failed, by kind of failure.");
        meter.CreateObservableGauge("restoreweb.execution_provider", ObserveExecutionProvider, unit: "{provider}",
            description: "1 for the ONNX Runtime execution provider this process's last restoration ran on.");
    }

    /// <param name="outcome">succeeded, failed, stopped (cancelled or taken over) or discarded (cancelled while saving).</param>
    public void JobEnded(TimeSpan duration, string? executionProvider, string outcome)
    {
        if (executionProvider is not null)
        {
            _executionProvider = executionProvider;
        }
        _jobDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("execution_provider", executionProvider ?? "unknown"),
            new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <param name="kind">photo (unreadable), job (no usable model, options it cannot meet, photo deleted) or unexpected.</param>
    public void JobFailed(TimeSpan duration, string kind)
    {
        JobEnded(duration, null, "failed");
        _jobFailures.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    private IEnumerable<Measurement<long>> ObserveExecutionProvider() =>
        _executionProvider is { } provider ? [new Measurement<long>(1, new KeyValuePair<string, object?>("provider", provider))] : [];

    private List<Measurement<long>> ObserveQueue()
    {
        // Observed only when metrics are collected (a scrape or an export), so one grouped query per collection.
        Dictionary<JobState, int> counts;
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RestoreWebDbContext>();
            counts = db.Jobs.AsNoTracking().GroupBy(j => j.State).Select(g => new { State = g.Key, Count = g.Count() })
                .ToDictionary(g => g.State, g => g.Count);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or ObjectDisposedException)
        {
            // The database being away shows in /health/ready; a gap in the series says the same here.
            LogQueueUnreadable(_logger, e);
            return [];
        }
        return [.. Enum.GetValues<JobState>().Select(state => new Measurement<long>(
            counts.GetValueOrDefault(state), new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant())))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The queue depth could not be read for the metrics.")]
    private static partial void LogQueueUnreadable(ILogger logger, Exception exception);
}
