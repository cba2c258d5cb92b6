namespace RestoreWeb.Server.Data;

public enum ModelVersionStatus
{
    /// <summary>Verified when registered; jobs may use it.</summary>
    Ready,

    /// <summary>The stored package no longer opens or no longer matches its hash.</summary>
    Broken,
}

/// <summary>A registered, immutable model package. Jobs are pinned to one, so moving an alias never changes a running job.</summary>
public sealed class ModelVersion
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Version { get; set; }

    /// <summary>SHA-256 of the whole package archive, lower-case hex: its identity.</summary>
    public required string Sha256 { get; set; }

    public long SizeBytes { get; set; }

    public required string BlobName { get; set; }

    public ModelVersionStatus Status { get; set; }

    public DateTime RegisteredAt { get; set; }
}

/// <summary>A named pointer at a model version, e.g. "production".</summary>
public sealed class ModelAlias
{
    public const string Production = "production";

    public required string Name { get; set; }

    public Guid ModelVersionId { get; set; }

    public ModelVersion? ModelVersion { get; set; }

    public DateTime UpdatedAt { get; set; }
}
