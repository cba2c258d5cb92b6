using RestoreWeb.Training.Degradation.Damage;

namespace RestoreWeb.Training.Degradation;

/// <summary>One operation the synthesizer applied, with the parameters it drew.</summary>
public abstract record DegradationStep;

/// <summary>Clean target and degraded image both turned grey (PIL "L" weights, on 8-bit values).</summary>
public sealed record GreyscaleStep : DegradationStep;

/// <param name="Strength">Loss of contrast and saturation at the print's average.</param>
/// <param name="Yellowing">Shift of the paper white towards cream-yellow at the print's average.</param>
/// <param name="Unevenness">Relative variation of both across the print.</param>
public sealed record FadingStep(double Strength, double Yellowing, double Unevenness) : DegradationStep;

/// <param name="Amplitude">Relative brightness variation of the fibres.</param>
/// <param name="Vertical">Whether the fibres run top to bottom rather than left to right.</param>
public sealed record PaperTextureStep(double Amplitude, bool Vertical) : DegradationStep;

/// <param name="Amplitude">Grain standard deviation in mid-tones.</param>
/// <param name="GrainSize">Clump size in pixels.</param>
public sealed record FilmGrainStep(double Amplitude, double GrainSize) : DegradationStep;

public sealed record GaussianBlurStep(int KernelSize, double Sigma) : DegradationStep;

public enum NoiseKind
{
    Gaussian,
    Speckle,
    SaltAndPepper,
}

/// <summary>The one noise the v2 noise operation picked.</summary>
public abstract record NoiseStep : DegradationStep
{
    public abstract NoiseKind Kind { get; }
}

/// <param name="Sigma">Standard deviation on the [0, 1] scale, added independently to every channel value.</param>
public sealed record GaussianNoiseStep(double Sigma) : NoiseStep
{
    public override NoiseKind Kind => NoiseKind.Gaussian;
}

/// <param name="Sigma">Standard deviation of the multiplicative factor: v + v·N(0, σ²).</param>
public sealed record SpeckleNoiseStep(double Sigma) : NoiseStep
{
    public override NoiseKind Kind => NoiseKind.Speckle;
}

/// <param name="Amount">Fraction of channel values replaced.</param>
/// <param name="SaltFraction">Of those, the fraction set to 1 (the rest to 0).</param>
public sealed record SaltAndPepperStep(double Amount, double SaltFraction) : NoiseStep
{
    public override NoiseKind Kind => NoiseKind.SaltAndPepper;
}

public enum UpscaleFilter
{
    Nearest,
    Bilinear,
}

/// <summary>Bicubic reduction to <paramref name="ReducedWidth"/> × <paramref name="ReducedHeight"/>, then back.</summary>
public sealed record RescaleStep(int ReducedWidth, int ReducedHeight, double ScaleX, double ScaleY, UpscaleFilter Filter)
    : DegradationStep;

public sealed record JpegStep(int Quality) : DegradationStep;

/// <param name="Bright">Lighter than the photo (scraped emulsion) rather than darker.</param>
/// <param name="Mode">How the scratch layer was blended.</param>
/// <param name="Width">Peak width in pixels.</param>
/// <param name="Opacity">Peak opacity.</param>
/// <param name="Length">Length of the path in pixels (parts may lie outside the image).</param>
/// <param name="InCluster">Part of a group of near-parallel scratches.</param>
public sealed record ScratchStep(bool Bright, BlendMode Mode, double Width, double Opacity, double Length, bool InCluster)
    : DegradationStep;

public sealed record DustStep(int Specks, int Fibres, int Stains) : DegradationStep;

/// <param name="Width">Width of the bright crack along the fold, in pixels.</param>
/// <param name="Length">Length of the fold line in pixels.</param>
public sealed record CreaseStep(BlendMode Mode, double Width, double Length) : DegradationStep;

/// <param name="Branches">Jagged segments in the network, the trunk included.</param>
public sealed record CrackStep(bool Bright, BlendMode Mode, int Branches) : DegradationStep;

/// <param name="Strokes">Brush strokes drawn.</param>
/// <param name="TornCorner">Whether a corner was torn off.</param>
/// <param name="CoveredFraction">Fraction of the image inside a hole.</param>
public sealed record HolesStep(int Strokes, bool TornCorner, double CoveredFraction) : DegradationStep;
