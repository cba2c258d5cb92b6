namespace RestoreWeb.Training.Degradation;

/// <summary>
/// The four operations of the released "v2" degradation (online_add_degradation_v2): applied in a random order,
/// each with its own chance. Defaults are the released values.
/// </summary>
public sealed record OfficialV2Options
{
    public bool Enabled { get; init; } = true;

    /// <summary>Chance of each of the four operations, drawn independently (0.7).</summary>
    public double OperationProbability { get; init; } = 0.7;

    /// <summary>Odd square kernel sides for the Gaussian blur, one picked uniformly (3, 5, 7).</summary>
    public IReadOnlyList<int> BlurKernelSizes { get; init; } = [3, 5, 7];

    /// <summary>Blur standard deviation in pixels ([1, 5]).</summary>
    public ValueRange BlurSigma { get; init; } = new(1, 5);

    /// <summary>Standard deviation of Gaussian and speckle noise on the [0, 1] scale ([5, 50] / 255).</summary>
    public ValueRange NoiseSigma { get; init; } = new(5 / 255.0, 50 / 255.0);

    /// <summary>Fraction of channel values that salt-and-pepper noise replaces ([0, 0.01]).</summary>
    public ValueRange SaltAndPepperAmount { get; init; } = new(0, 0.01);

    /// <summary>Of the replaced values, the fraction set to white rather than black ([0.3, 0.8]).</summary>
    public ValueRange SaltFraction { get; init; } = new(0.3, 0.8);

    /// <summary>Side length of the reduced image relative to the original, drawn per axis ([0.5, 1]).</summary>
    public ValueRange DownscaleFactor { get; init; } = new(0.5, 1);

    /// <summary>Chance that the reduced image is enlarged back with nearest neighbour instead of bilinear (0.5).</summary>
    public double NearestUpscaleProbability { get; init; } = 0.5;

    /// <summary>JPEG quality, a whole number drawn uniformly (40..100).</summary>
    public CountRange JpegQuality { get; init; } = new(40, 100);

    internal void Check(OptionProblems problems)
    {
        problems.Probability("OfficialV2.OperationProbability", OperationProbability);
        problems.Require(
            BlurKernelSizes.Count > 0 && BlurKernelSizes.All(k => k >= 1 && k % 2 == 1),
            $"OfficialV2.BlurKernelSizes [{string.Join(", ", BlurKernelSizes)}] must be non-empty and odd");
        problems.Range("OfficialV2.BlurSigma", BlurSigma, 1e-3, 100);
        problems.Range("OfficialV2.NoiseSigma", NoiseSigma, 0, 1);
        problems.Range("OfficialV2.SaltAndPepperAmount", SaltAndPepperAmount, 0, 1);
        problems.Range("OfficialV2.SaltFraction", SaltFraction, 0, 1);
        problems.Range("OfficialV2.DownscaleFactor", DownscaleFactor, 1e-3, 1);
        problems.Probability("OfficialV2.NearestUpscaleProbability", NearestUpscaleProbability);
        problems.Range("OfficialV2.JpegQuality", JpegQuality, 1, 100);
    }
}
