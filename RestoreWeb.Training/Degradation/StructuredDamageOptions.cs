namespace RestoreWeb.Training.Degradation;

/// <summary>
/// Localised damage drawn procedurally in place of the paper's unreleased scratch textures: scratches, dust and
/// spots, creases and cracks. Every pixel this changes is marked in the scratch mask. Sizes are in pixels of a
/// 256-pixel image (the training crop) and grow with larger images.
/// </summary>
public sealed record StructuredDamageOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Chance that a sample gets scratches at all.</summary>
    public double ScratchProbability { get; init; } = 0.8;

    /// <summary>Scratch groups per scratched sample; a group is one scratch or a cluster of near-parallel ones.</summary>
    public CountRange ScratchGroups { get; init; } = new(1, 4);

    /// <summary>Chance that a group is a cluster of 2–5 near-parallel scratches, as left by grit dragged across.</summary>
    public double ScratchClusterProbability { get; init; } = 0.3;

    /// <summary>Scratch length as a fraction of the image diagonal.</summary>
    public ValueRange ScratchLength { get; init; } = new(0.15, 1.0);

    /// <summary>Scratch width in pixels; it also varies along each scratch.</summary>
    public ValueRange ScratchWidth { get; init; } = new(0.7, 2.4);

    /// <summary>Peak opacity of a scratch; it also varies along each scratch and fades at its ends.</summary>
    public ValueRange ScratchOpacity { get; init; } = new(0.45, 1);

    /// <summary>Chance that a scratch is bright (emulsion scraped off the print) rather than dark (scratched negative).</summary>
    public double BrightProbability { get; init; } = 0.75;

    /// <summary>Dust specks per sample (dust on the print, the negative or the scanner glass).</summary>
    public CountRange DustSpecks { get; init; } = new(0, 25);

    /// <summary>Hairs and fibres: short, curly, thin curves.</summary>
    public CountRange Fibres { get; init; } = new(0, 2);

    /// <summary>Foxing and mould stains: small brownish blots.</summary>
    public CountRange Stains { get; init; } = new(0, 2);

    /// <summary>Chance of a crease: a long fold line with a broken bright crack and its dark shadow.</summary>
    public double CreaseProbability { get; init; } = 0.15;

    /// <summary>Chance of a network of jagged, branching emulsion cracks.</summary>
    public double CrackProbability { get; init; } = 0.15;

    internal void Check(OptionProblems problems)
    {
        problems.Probability("Structured.ScratchProbability", ScratchProbability);
        problems.Range("Structured.ScratchGroups", ScratchGroups, 0, 1000);
        problems.Probability("Structured.ScratchClusterProbability", ScratchClusterProbability);
        problems.Range("Structured.ScratchLength", ScratchLength, 0, 10);
        problems.Range("Structured.ScratchWidth", ScratchWidth, 0.1, 64);
        problems.Range("Structured.ScratchOpacity", ScratchOpacity, 0, 1);
        problems.Probability("Structured.BrightProbability", BrightProbability);
        problems.Range("Structured.DustSpecks", DustSpecks, 0, 100_000);
        problems.Range("Structured.Fibres", Fibres, 0, 1000);
        problems.Range("Structured.Stains", Stains, 0, 1000);
        problems.Probability("Structured.CreaseProbability", CreaseProbability);
        problems.Probability("Structured.CrackProbability", CrackProbability);
    }
}
