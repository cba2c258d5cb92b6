using System.Text.Json.Serialization;

namespace RestoreWeb.Client.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<JobState>))]
public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>How a photo is restored.</summary>
/// <param name="RepairScratches">Repair scratches, dust and creases with the scratch model and a mask.</param>
/// <param name="DetectScratches">Find scratches automatically (joined with a mask drawn by the user).</param>
/// <param name="StretchContrast">Stretch the result from black to white, as the original method does, instead of keeping
/// the photo's own tone: gives a faded print its contrast back.</param>
public sealed record JobOptionsDto(bool RepairScratches = false, bool DetectScratches = true, bool StretchContrast = false);

/// <summary>Re-run a photo with new options.</summary>
public sealed record StartJobRequest(bool RepairScratches = false, bool DetectScratches = true, bool StretchContrast = false);

/// <summary>How the photo was restored: in one pass or in overlapping tiles, and why.</summary>
public sealed record JobPlanDto(bool Tiled, int TileSize, int TileCount, string? Reason);

/// <param name="Stage">decode, detect, restore, encode, done; null before the job starts.</param>
/// <param name="Progress">Fraction of the whole job done, 0 to 1.</param>
/// <param name="QueuePosition">1 for the next job to start; null unless queued.</param>
/// <param name="EstimatedSecondsRemaining">Until the job is done, from recent throughput; null when unknown or finished.</param>
/// <param name="FailureReason">What went wrong, written for the user; null unless failed.</param>
/// <param name="Timings">Seconds spent per stage.</param>
/// <param name="UpdatedAt">Changes whenever anything shown here changes; the cursor of <see cref="JobChangesDto"/>.</param>
public sealed record JobDto(
    Guid Id,
    Guid PhotoId,
    Guid AlbumId,
    JobState State,
    string? Stage,
    double Progress,
    JobOptionsDto Options,
    bool HasUserMask,
    int? QueuePosition,
    double? EstimatedSecondsRemaining,
    string? FailureReason,
    string? ModelName,
    string? ModelVersion,
    string? ExecutionProvider,
    string? ExecutionProviderFallback,
    JobPlanDto? Plan,
    IReadOnlyDictionary<string, double> Timings,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset UpdatedAt,
    string? ResultUrl,
    string? MaskUrl);

/// <summary>The answer to polling for changes.</summary>
/// <param name="Cursor">Pass as changedSince on the next poll. It overlaps the previous window a little, so a job may come twice.</param>
/// <param name="Jobs">The caller's jobs changed since the given time, newest change first.</param>
public sealed record JobChangesDto(DateTimeOffset Cursor, IReadOnlyList<JobDto> Jobs);
