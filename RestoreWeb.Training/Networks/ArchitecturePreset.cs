using System.Text.Json.Serialization;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The widths and depths of every network of the method, as plain data so that a model package manifest can record
/// exactly what it was built with (System.Text.Json round-trips it). Structure and key names never change between
/// presets; only these numbers do.
/// </summary>
/// <param name="Name">Preset name, e.g. "official" or "compact".</param>
/// <param name="VaeWidth">Channels of every VAE layer and of the latent code (official 64).</param>
/// <param name="MappingWidth">Width of the latent mapping, official map_mc (512); 2 to 16 × VaeWidth (the mapping's four doubling convolutions reach 16 × at most).</param>
/// <param name="MappingBlocks">Residual blocks of the quality mapping and after the non-local block (official 6).</param>
/// <param name="NonLocalBlocks">Residual blocks inside the partial non-local block (official 3).</param>
/// <param name="DetectorWf">log2 of the first detector layer's channels (official 6, i.e. 64 channels).</param>
/// <param name="DetectorDepth">Down/up levels of the detector U-Net (official 4; inputs are multiples of 2^depth).</param>
/// <param name="DiscriminatorWidth">First-layer channels of the image discriminators, official ndf (64).</param>
/// <param name="DiscriminatorLayers">Stride-2 normalised stages per scale, official n_layers_D (3).</param>
/// <param name="DiscriminatorScales">Scales of the image discriminators, official num_D (2).</param>
/// <param name="LatentDiscriminatorWidth">First-layer channels of VAE1's latent discriminator (official 64).</param>
/// <param name="LatentDiscriminatorScales">Scales of the latent discriminator (official 1).</param>
public sealed record ArchitecturePreset(
    string Name,
    int VaeWidth,
    int MappingWidth,
    int MappingBlocks,
    int NonLocalBlocks,
    int DetectorWf,
    int DetectorDepth,
    int DiscriminatorWidth,
    int DiscriminatorLayers,
    int DiscriminatorScales,
    int LatentDiscriminatorWidth,
    int LatentDiscriminatorScales)
{
    /// <summary>RGB images for the VAEs and the restoration discriminators.</summary>
    public const int ImageChannels = 3;

    /// <summary>Luma in, scratch logits out.</summary>
    public const int DetectorChannels = 1;

    /// <summary>The detector's first layer has 2^<see cref="DetectorWf"/> channels.</summary>
    [JsonIgnore]
    public int DetectorWidth => 1 << DetectorWf;

    /// <summary>Throws an error that names every value out of range.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("Name is empty");
        }

        Require(problems, VaeWidth >= 1, $"VaeWidth {VaeWidth} < 1");
        Require(problems, MappingWidth >= 2 * VaeWidth, $"MappingWidth {MappingWidth} < 2 × VaeWidth ({2 * VaeWidth})");
        Require(problems, MappingWidth <= (long)MappingLayers.MaxWidening * VaeWidth,
            $"MappingWidth {MappingWidth} > {MappingLayers.MaxWidening} × VaeWidth ({(long)MappingLayers.MaxWidening * VaeWidth})");
        Require(problems, MappingBlocks >= 0, $"MappingBlocks {MappingBlocks} < 0");
        Require(problems, NonLocalBlocks >= 0, $"NonLocalBlocks {NonLocalBlocks} < 0");
        Require(problems, DetectorWf is >= 0 and <= 12, $"DetectorWf {DetectorWf} outside 0..12");
        Require(problems, DetectorDepth is >= 1 and <= 8, $"DetectorDepth {DetectorDepth} outside 1..8");
        Require(problems, DiscriminatorWidth >= 1, $"DiscriminatorWidth {DiscriminatorWidth} < 1");
        Require(problems, DiscriminatorLayers >= 1, $"DiscriminatorLayers {DiscriminatorLayers} < 1");
        Require(problems, DiscriminatorScales >= 1, $"DiscriminatorScales {DiscriminatorScales} < 1");
        Require(problems, LatentDiscriminatorWidth >= 1, $"LatentDiscriminatorWidth {LatentDiscriminatorWidth} < 1");
        Require(problems, LatentDiscriminatorScales >= 1, $"LatentDiscriminatorScales {LatentDiscriminatorScales} < 1");
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Architecture preset '{Name}' is invalid: {string.Join("; ", problems)}.");
        }
    }

    private static void Require(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
