using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Server.Data;

/// <summary>
/// One restoration of one photo with fixed options and a fixed model version. The row is the truth about the job;
/// Hangfire only carries its id to a worker, so any process can report on it.
/// </summary>
public sealed class RestorationJob
{
    public Guid Id { get; set; }

    public required string OwnerId { get; set; }

    public Guid PhotoId { get; set; }

    public Photo? Photo { get; set; }

    /// <summary>The version "production" pointed at when the job was created; null when no model was installed.</summary>
    public Guid? ModelVersionId { get; set; }

    public ModelVersion? ModelVersion { get; set; }

    public bool RepairScratches { get; set; }

    public bool DetectScratches { get; set; }

    /// <summary>Stretch the result from black to white (the official method) instead of keeping the photo's tone.</summary>
    public bool StretchContrast { get; set; }

    /// <summary>A mask drawn by the user for this job (PNG), joined with the detected one.</summary>
    public string? DrawnMaskBlob { get; set; }

    public JobState State { get; set; }

    public string? Stage { get; set; }

    public double Progress { get; set; }

    public string? FailureReason { get; set; }

    public string? HangfireJobId { get; set; }

    /// <summary>Identifies the run that currently owns the job; a run whose token was replaced stops writing.</summary>
    public Guid? RunToken { get; set; }

    /// <summary>How many runs started; more than one after a retry or after a worker died.</summary>
    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the job last entered the queue; orders the queue.</summary>
    public DateTime QueuedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Last sign of life of the running worker.</summary>
    public DateTime? HeartbeatAt { get; set; }

    /// <summary>Changes with everything a user sees; what clients poll on.</summary>
    public DateTime UpdatedAt { get; set; }

    public string? ResultBlob { get; set; }

    public OutputFormat? ResultFormat { get; set; }

    public string? MaskBlob { get; set; }

    public string? ExecutionProvider { get; set; }

    public string? ExecutionProviderFallback { get; set; }

    public bool? PlanTiled { get; set; }

    public int? PlanTileSize { get; set; }

    public int? PlanTileCount { get; set; }

    public string? PlanReason { get; set; }

    /// <summary>Seconds per stage, as JSON.</summary>
    public string? TimingsJson { get; set; }

    /// <summary>Wall-clock seconds of the successful run, for queue estimates.</summary>
    public double? DurationSeconds { get; set; }
}
