namespace RestoreWeb.Training.Networks;

/// <summary>The named presets.</summary>
public static class ArchitecturePresets
{
    /// <summary>The published widths: released checkpoints load into these networks unchanged.</summary>
    public static ArchitecturePreset Official { get; } = new(
        Name: "official",
        VaeWidth: 64,
        MappingWidth: 512,
        MappingBlocks: 6,
        NonLocalBlocks: 3,
        DetectorWf: 6,
        DetectorDepth: 4,
        DiscriminatorWidth: 64,
        DiscriminatorLayers: 3,
        DiscriminatorScales: 2,
        LatentDiscriminatorWidth: 64,
        LatentDiscriminatorScales: 1);

    /// <summary>
    /// The same structure, narrow enough that all three training stages fit in about two hours on two CPU cores.
    /// Measured per step (G and D forward, backward and Adam update) at batch 4 of 256×256 crops on 2 cores:
    /// about 1.5 s for each VAE stage, 2.9 s for the scratch mapping stage and 1.7 s for the quality mapping stage
    /// (the difference is the non-local attention over 4096 latent positions); the official widths need 4 s per
    /// VAE step.
    /// </summary>
    public static ArchitecturePreset Compact { get; } = new(
        Name: "compact",
        VaeWidth: 32,
        MappingWidth: 128,
        MappingBlocks: 2,
        NonLocalBlocks: 1,
        DetectorWf: 4,
        DetectorDepth: 4,
        DiscriminatorWidth: 32,
        DiscriminatorLayers: 3,
        DiscriminatorScales: 2,
        LatentDiscriminatorWidth: 32,
        LatentDiscriminatorScales: 1);

    public static IReadOnlyList<ArchitecturePreset> All { get; } = [Official, Compact];

    /// <summary>The preset of that name (case-insensitive); the error lists the known names.</summary>
    public static ArchitecturePreset Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"Unknown architecture preset '{name}'. Known presets: {string.Join(", ", All.Select(p => p.Name))}.",
                nameof(name));
    }
}
