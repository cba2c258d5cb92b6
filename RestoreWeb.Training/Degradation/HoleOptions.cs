namespace RestoreWeb.Training.Degradation;

/// <summary>
/// Irregular holes painted pure white, as the released code does for the scratch model with a folder of
/// irregular masks; here the masks are drawn procedurally as thick brush strokes and torn corners.
/// </summary>
public sealed record HoleOptions
{
    /// <summary>Chance that a sample has holes; the released scratch model leaves half of its samples without.</summary>
    public double Probability { get; init; }

    /// <summary>Brush strokes per holed sample.</summary>
    public CountRange Strokes { get; init; } = new(1, 3);

    /// <summary>Brush width as a fraction of the shorter image side.</summary>
    public ValueRange StrokeWidth { get; init; } = new(0.03, 0.09);

    /// <summary>Chance that a holed sample also loses a torn-off corner.</summary>
    public double TornCornerProbability { get; init; } = 0.25;

    /// <summary>No holes at all.</summary>
    public static HoleOptions None => new();

    /// <summary>The released scratch model's rule: half of the samples get holes.</summary>
    public static HoleOptions HalfOfSamples => new() { Probability = 0.5 };

    internal void Check(OptionProblems problems)
    {
        problems.Probability("Holes.Probability", Probability);
        problems.Range("Holes.Strokes", Strokes, 0, 100);
        problems.Range("Holes.StrokeWidth", StrokeWidth, 0, 1);
        problems.Probability("Holes.TornCornerProbability", TornCornerProbability);
    }
}
