namespace RestoreWeb.Training.Degradation;

/// <summary>
/// Slow damage of a print as a whole, which the paper blends in and the released code lacks: colour fading and
/// yellowing, paper surface texture and film grain. Each is unstructured: it touches every pixel, so none of it
/// enters the scratch mask.
/// </summary>
public sealed record AgingOptions
{
    public bool Enabled { get; init; } = true;

    public double FadingProbability { get; init; } = 0.5;

    /// <summary>Loss of contrast and saturation: 0 keeps the print, 1 leaves a flat brown-on-cream ghost.</summary>
    public ValueRange FadingStrength { get; init; } = new(0.1, 0.45);

    /// <summary>How far the paper white moves towards cream-yellow: 0 stays white, 1 is a strongly yellowed print.</summary>
    public ValueRange Yellowing { get; init; } = new(0.1, 0.6);

    /// <summary>Relative variation of fading across the print (uneven exposure to light, stronger towards edges).</summary>
    public ValueRange Unevenness { get; init; } = new(0, 0.5);

    public double PaperTextureProbability { get; init; } = 0.4;

    /// <summary>Relative brightness variation of the paper fibres.</summary>
    public ValueRange PaperTextureAmplitude { get; init; } = new(0.01, 0.035);

    public double FilmGrainProbability { get; init; } = 0.5;

    /// <summary>Standard deviation of the grain in mid-tones, on the [0, 1] scale.</summary>
    public ValueRange FilmGrainAmplitude { get; init; } = new(0.01, 0.04);

    /// <summary>Grain clump size in pixels of a 256-pixel image.</summary>
    public ValueRange FilmGrainSize { get; init; } = new(1, 2);

    internal void Check(OptionProblems problems)
    {
        problems.Probability("Aging.FadingProbability", FadingProbability);
        problems.Range("Aging.FadingStrength", FadingStrength, 0, 1);
        problems.Range("Aging.Yellowing", Yellowing, 0, 1);
        problems.Range("Aging.Unevenness", Unevenness, 0, 1);
        problems.Probability("Aging.PaperTextureProbability", PaperTextureProbability);
        problems.Range("Aging.PaperTextureAmplitude", PaperTextureAmplitude, 0, 0.5);
        problems.Probability("Aging.FilmGrainProbability", FilmGrainProbability);
        problems.Range("Aging.FilmGrainAmplitude", FilmGrainAmplitude, 0, 0.5);
        problems.Range("Aging.FilmGrainSize", FilmGrainSize, 0.5, 8);
    }
}
