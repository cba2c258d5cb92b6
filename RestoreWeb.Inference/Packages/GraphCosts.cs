namespace RestoreWeb.Inference.Packages;

/// <summary>
/// Per-pixel work and activation size of the package's graphs, measured at export: the planner multiplies them
/// by a photo's pixel count to estimate time and peak memory before running anything.
/// </summary>
public sealed record GraphCosts
{
    public double QualityFlopsPerPixel { get; init; }

    public double QualityLargestActivationBytesPerPixel { get; init; }

    /// <summary>Encode and decode parts of the scratch mode, without the attention.</summary>
    public double ScratchFlopsPerPixel { get; init; }

    public double ScratchLargestActivationBytesPerPixel { get; init; }

    /// <summary>Channels of θ, φ and g: the attention costs 4·N²·C FLOPs for N latent positions.</summary>
    public int AttentionChannels { get; init; }

    /// <summary>Pixels per latent position along each side (the VAE downsamples by 4).</summary>
    public int LatentScale { get; init; } = 4;

    public double DetectorFlopsPerPixel { get; init; }

    public double DetectorLargestActivationBytesPerPixel { get; init; }

    /// <summary>Bytes of all weights, which every session holds once.</summary>
    public long WeightBytes { get; init; }
}
