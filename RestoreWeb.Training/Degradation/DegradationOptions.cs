namespace RestoreWeb.Training.Degradation;

/// <summary>
/// Everything the synthesizer does, with the official defaults. Start from a preset and change what differs:
/// <c>DegradationOptions.Paper with { Holes = HoleOptions.None }</c>.
/// </summary>
public sealed record DegradationOptions
{
    /// <summary>Chance of turning the sample grey (the clean target too, as the released code does).</summary>
    public double GreyscaleProbability { get; init; } = 0.1;

    public AgingOptions Aging { get; init; } = new();

    public OfficialV2Options OfficialV2 { get; init; } = new();

    public StructuredDamageOptions Structured { get; init; } = new();

    public HoleOptions Holes { get; init; } = HoleOptions.HalfOfSamples;

    /// <summary>
    /// Only what the official code released: v2 operations and greyscale, no aging, no structured damage, no holes
    /// (the quality-only model's training data).
    /// </summary>
    public static DegradationOptions OfficialV2Only => new()
    {
        Aging = new AgingOptions { Enabled = false },
        Structured = new StructuredDamageOptions { Enabled = false },
        Holes = HoleOptions.None,
    };

    /// <summary>
    /// The paper's synthetic old photos X for the scratch model: v2 operations, aging, structured damage and white
    /// holes in half of the samples.
    /// </summary>
    public static DegradationOptions Paper => new();

    /// <summary>
    /// A stand-in for real old photos R when no folder of real scans is given: deliberately different from
    /// <see cref="Paper"/> — stronger fading and yellowing, more grain and paper texture, more dust and creases, and
    /// no holes (real prints are not white-filled) — so that VAE1 still sees two domains to bring together.
    /// </summary>
    public static DegradationOptions RealOldStandIn => new()
    {
        // Most surviving family prints from before the 1970s are black and white (and then yellowed to sepia).
        GreyscaleProbability = 0.5,
        Aging = new AgingOptions
        {
            FadingProbability = 0.95,
            FadingStrength = new ValueRange(0.3, 0.7),
            Yellowing = new ValueRange(0.4, 1.0),
            Unevenness = new ValueRange(0.2, 0.8),
            PaperTextureProbability = 0.8,
            PaperTextureAmplitude = new ValueRange(0.02, 0.05),
            FilmGrainProbability = 0.9,
            FilmGrainAmplitude = new ValueRange(0.025, 0.07),
            FilmGrainSize = new ValueRange(1.2, 2.5),
        },
        Structured = new StructuredDamageOptions
        {
            ScratchProbability = 0.7,
            DustSpecks = new CountRange(20, 90),
            Fibres = new CountRange(0, 5),
            Stains = new CountRange(1, 6),
            CreaseProbability = 0.35,
            CrackProbability = 0.3,
        },
        Holes = HoleOptions.None,
    };

    /// <summary>Throws an error that names every setting out of range.</summary>
    public void Validate()
    {
        var problems = new OptionProblems();
        problems.Probability("GreyscaleProbability", GreyscaleProbability);
        ArgumentNullException.ThrowIfNull(Aging);
        ArgumentNullException.ThrowIfNull(OfficialV2);
        ArgumentNullException.ThrowIfNull(Structured);
        ArgumentNullException.ThrowIfNull(Holes);
        Aging.Check(problems);
        OfficialV2.Check(problems);
        Structured.Check(problems);
        Holes.Check(problems);
        problems.ThrowIfAny("Degradation options");
    }
}
