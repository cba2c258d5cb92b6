using System.Text.Json.Serialization;

namespace RestoreWeb.Client.Contracts;

/// <summary>The names of the movable aliases.</summary>
public static class ModelAliasNames
{
    public const string Production = "production";
    public const string Candidate = "candidate";

    public static IReadOnlyList<string> All { get; } = [Production, Candidate];
}

/// <summary>One check of the validation gate.</summary>
/// <param name="Name">hashes, signatures, load, canary, evaluation.</param>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Detail">What was found, written for an administrator.</param>
/// <param name="Seconds">How long the check took.</param>
public sealed record ValidationCheckDto(string Name, bool Passed, string Detail, double Seconds);

/// <summary>PSNR/SSIM of the built-in synthetic evaluation set.</summary>
public sealed record EvaluationScoresDto(double InputPsnr, double InputSsim, double ModelPsnr, double ModelSsim, int Images);

/// <summary>The result of the validation gate; a version that did not pass cannot be promoted.</summary>
public sealed record ValidationReportDto(
    bool Passed,
    DateTimeOffset ValidatedAt,
    string ExecutionProvider,
    IReadOnlyList<ValidationCheckDto> Checks,
    EvaluationScoresDto? Scores);

/// <summary>A registered version as administrators see it.</summary>
/// <param name="Status">Validated, Failed (validation), Archived or Broken.</param>
/// <param name="Source">trained, imported or uploaded (from the manifest).</param>
/// <param name="RegisteredBy">E-mail of the administrator, "default package" or "import folder".</param>
/// <param name="ManifestMetrics">Evaluation metrics written into the package when it was made.</param>
/// <param name="ResultCount">How many job results this version produced; a version with results cannot be deleted.</param>
public sealed record AdminModelVersionDto(
    Guid Id,
    string Name,
    string Version,
    string Sha256,
    long SizeBytes,
    string Status,
    string Source,
    string Preset,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<string, double> ManifestMetrics,
    ValidationReportDto? Validation,
    int ResultCount);

/// <param name="AlreadyRegistered">The same archive (same SHA-256) was registered before; this is that version.</param>
public sealed record ModelRegistrationDto(AdminModelVersionDto Model, bool AlreadyRegistered);

/// <summary>Point an alias at a version. The comment is required: it is the "why" of the audit log.</summary>
public sealed record PromoteRequest(string Alias, string Comment);

/// <summary>Move an alias back to the version it pointed at before its last move.</summary>
public sealed record RollbackRequest(string Comment);

public sealed record ArchiveRequest(string Comment);

/// <summary>One move of an alias, or another administrative act on a model version.</summary>
/// <param name="Action">promote, rollback, archive, delete, register.</param>
/// <param name="Alias">The alias moved; null for acts that move none.</param>
public sealed record AuditEntryDto(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? Alias,
    Guid? FromVersionId,
    string? FromVersion,
    Guid? ToVersionId,
    string? ToVersion,
    string Comment);

/// <summary>A built-in sample photo for comparing versions.</summary>
public sealed record CompareSampleDto(string Name, string Description, int Width, int Height);

[JsonConverter(typeof(JsonStringEnumConverter<ReprocessMode>))]
public enum ReprocessMode
{
    /// <summary>Only photos without a succeeded result from the production version.</summary>
    Missing,

    /// <summary>Every photo in scope.</summary>
    All,
}

/// <param name="AlbumId">One album; null for every photo of every user.</param>
public sealed record ReprocessRequest(Guid? AlbumId, ReprocessMode Mode, bool RepairScratches = false);

/// <param name="Queued">Jobs queued now.</param>
/// <param name="Skipped">Photos left alone (already restored by production, or a job for them is still queued or running).</param>
public sealed record ReprocessResultDto(int Queued, int Skipped, Guid ModelVersionId, string ModelVersion);

/// <summary>What the restore queue holds, for the admin overview.</summary>
public sealed record QueueOverviewDto(
    IReadOnlyDictionary<string, int> CountsByState,
    bool Paused,
    string DashboardUrl,
    IReadOnlyList<VersionJobCountDto> ByModelVersion);

public sealed record VersionJobCountDto(Guid? ModelVersionId, string ModelVersion, int Queued, int Running, int Succeeded, int Failed);

/// <param name="Retried">Failed jobs queued again.</param>
public sealed record RetryFailedResultDto(int Retried);

/// <summary>An account as administrators see it.</summary>
/// <param name="UploadQuotaBytes">Null: the server's default quota applies.</param>
public sealed record AdminUserDto(
    string Id,
    string Email,
    IReadOnlyList<string> Roles,
    bool Disabled,
    long? UploadQuotaBytes,
    long EffectiveQuotaBytes,
    long UsedBytes,
    int PhotoCount,
    DateTimeOffset? CreatedAt);

/// <summary>Changes to an account; null fields are left as they are.</summary>
/// <param name="ClearUploadQuota">Go back to the server's default quota.</param>
public sealed record UpdateUserRequest(bool? IsAdmin = null, bool? Disabled = null, long? UploadQuotaBytes = null, bool ClearUploadQuota = false);

/// <summary>Create an API token for scripts such as the training CLI's register command.</summary>
public sealed record CreateTokenRequest(string Name);

/// <param name="Token">Shown once; only its hash is kept.</param>
public sealed record CreatedTokenDto(Guid Id, string Name, string Token, DateTimeOffset CreatedAt);

public sealed record ApiTokenDto(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
