using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RestoreWeb.Inference.Packages;

/// <summary>Where a model version came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelSource>))]
public enum ModelSource
{
    Trained,
    Imported,
    Uploaded,
}

/// <summary>
/// manifest.json of a model package: what the package is, how it was made, what its graphs need, and the
/// SHA-256 of every file, so that a package describes and checks itself.
/// </summary>
public sealed record ModelManifest
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required string Name { get; init; }

    /// <summary>Semantic version, e.g. 1.2.0.</summary>
    public required string Version { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required ModelSource Source { get; init; }

    /// <summary>The architecture preset the networks were built with (RestoreWeb.Training's ArchitecturePreset).</summary>
    public required JsonObject Preset { get; init; }

    public InputConstraints Input { get; init; } = new();

    public GraphCosts Costs { get; init; } = new();

    public required IReadOnlyList<PackageFile> Files { get; init; }

    /// <summary>Evaluation results, e.g. "psnr_db", "ssim", "psnr_input_db".</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    public Provenance Provenance { get; init; } = new();

    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>What the graphs accept: side multiples and the detector's working resolution.</summary>
public sealed record InputConstraints
{
    /// <summary>Restoration sides are rounded to multiples of this (the VAE downsamples twice by 2).</summary>
    public int SizeMultiple { get; init; } = 4;

    /// <summary>The detector U-Net's sides must be multiples of this (2^depth).</summary>
    public int DetectorSizeMultiple { get; init; } = 16;

    /// <summary>The official detector runs at this short side.</summary>
    public int DetectorShortSide { get; init; } = 256;

    /// <summary>The smallest side the networks can restore meaningfully.</summary>
    public int MinSide { get; init; } = 16;

    /// <summary>Probability at or above which a detector pixel counts as a scratch.</summary>
    public double DetectorThreshold { get; init; } = 0.4;
}

/// <summary>One file of the package with its role, size and SHA-256 (lower-case hex).</summary>
public sealed record PackageFile(string Path, GraphRole Role, long Size, string Sha256);

/// <summary>How the package was made: enough to reproduce a trained model or trace an imported one.</summary>
public sealed record Provenance
{
    public string? Command { get; init; }

    public string? GitCommit { get; init; }

    public long? Seed { get; init; }

    public string? Notes { get; init; }

    /// <summary>SHA-256 of the training data, e.g. of the sorted list of file hashes.</summary>
    public IReadOnlyDictionary<string, string> DataHashes { get; init; } = new Dictionary<string, string>();
}
