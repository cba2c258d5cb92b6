namespace RestoreWeb.Server.Data;

public enum ModelVersionStatus
{
    /// <summary>Stored and verified (hashes, signatures) but not yet through the validation gate.</summary>
    Registered,

    /// <summary>Passed the validation gate: may be promoted.</summary>
    Validated,

    /// <summary>Failed the validation gate: cannot be promoted until a new validation passes.</summary>
    Failed,

    /// <summary>Retired: kept for the results it produced, never promoted again.</summary>
    Archived,

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

    /// <summary>trained, imported or uploaded, from the manifest.</summary>
    public string Source { get; set; } = "";

    /// <summary>The architecture preset's name, from the manifest.</summary>
    public string Preset { get; set; } = "";

    /// <summary>The administrator's e-mail, or what registered it ("default package", "import folder").</summary>
    public string RegisteredBy { get; set; } = "";

    /// <summary>The manifest's evaluation metrics, as JSON.</summary>
    public string? ManifestMetricsJson { get; set; }

    /// <summary>The last validation report, as JSON (the API's ValidationReportDto).</summary>
    public string? ValidationJson { get; set; }
}

/// <summary>A named pointer at a model version, e.g. "production".</summary>
public sealed class ModelAlias
{
    public const string Production = Client.Contracts.ModelAliasNames.Production;

    public const string Candidate = Client.Contracts.ModelAliasNames.Candidate;

    public required string Name { get; set; }

    public Guid ModelVersionId { get; set; }

    public ModelVersion? ModelVersion { get; set; }

    public DateTime UpdatedAt { get; set; }
}
