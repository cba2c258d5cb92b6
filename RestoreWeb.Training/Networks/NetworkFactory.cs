namespace RestoreWeb.Training.Networks;

/// <summary>
/// Builds each network of a preset, initialised as the official training code initialises it (weights_init for
/// VAEs, mappings and discriminators; PyTorch defaults for the detector).
/// </summary>
public static class NetworkFactory
{
    public static VaeGenerator CreateVae(this ArchitecturePreset preset, bool officialInit = true)
    {
        Validate(preset);
        return Initialised(new VaeGenerator(preset.VaeWidth, ArchitecturePreset.ImageChannels), officialInit);
    }

    public static MappingNetwork CreateQualityMapping(this ArchitecturePreset preset, bool officialInit = true)
    {
        Validate(preset);
        return Initialised(
            new MappingNetwork(preset.VaeWidth, preset.MappingWidth, preset.MappingBlocks), officialInit);
    }

    public static MaskedMappingNetwork CreateScratchMapping(this ArchitecturePreset preset, bool officialInit = true)
    {
        Validate(preset);
        return Initialised(
            new MaskedMappingNetwork(preset.VaeWidth, preset.MappingWidth, preset.MappingBlocks, preset.NonLocalBlocks),
            officialInit);
    }

    public static PatchAttentionMapping CreatePatchAttentionMapping(
        this ArchitecturePreset preset, bool officialInit = true)
    {
        Validate(preset);
        return Initialised(new PatchAttentionMapping(preset.VaeWidth, preset.MappingWidth), officialInit);
    }

    /// <summary>The scratch detector; the official detection code keeps PyTorch's default initialisation.</summary>
    public static ScratchUNet CreateDetector(this ArchitecturePreset preset)
    {
        Validate(preset);
        return new ScratchUNet(
            preset.DetectorWf, preset.DetectorDepth, ArchitecturePreset.DetectorChannels, ArchitecturePreset.DetectorChannels);
    }

    /// <summary>
    /// An image discriminator: 3 input channels for the VAE stages, 6 (degraded ‖ image) for the conditional mapping
    /// stage, which is spectrally normalised in scratch mode.
    /// </summary>
    public static MultiscaleDiscriminator CreateImageDiscriminator(
        this ArchitecturePreset preset, long inputChannels, bool spectralNorm, bool officialInit = true)
    {
        Validate(preset);
        return Initialised(
            new MultiscaleDiscriminator(
                inputChannels, preset.DiscriminatorWidth, preset.DiscriminatorLayers, preset.DiscriminatorScales, spectralNorm),
            officialInit);
    }

    /// <summary>VAE1's discriminator on latent codes (real-old vs synthetic-old), no spectral norm.</summary>
    public static MultiscaleDiscriminator CreateLatentDiscriminator(this ArchitecturePreset preset, bool officialInit = true)
    {
        Validate(preset);
        return Initialised(
            new MultiscaleDiscriminator(
                preset.VaeWidth,
                preset.LatentDiscriminatorWidth,
                preset.DiscriminatorLayers,
                preset.LatentDiscriminatorScales,
                spectralNorm: false),
            officialInit);
    }

    private static void Validate(ArchitecturePreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        preset.Validate();
    }

    private static T Initialised<T>(T network, bool officialInit)
        where T : TorchSharp.torch.nn.Module
    {
        if (officialInit)
        {
            OfficialInitialization.Apply(network);
        }

        return network;
    }
}
