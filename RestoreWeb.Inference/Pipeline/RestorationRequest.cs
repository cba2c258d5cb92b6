using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Inference.Pipeline;

/// <summary>How to map the network's output range onto pixel values.</summary>
public enum OutputStretch
{
    /// <summary>Stretch each photo's darkest value to 0 and brightest to 1, as the official test path does.</summary>
    MinMax,

    /// <summary>Map [-1,1] to [0,1] and clip: keeps the network's own tonal range.</summary>
    Clamp,

    /// <summary>
    /// Give the output the input's per-channel means and overall contrast (outside the scratch mask), which the
    /// networks cannot see (<see cref="InputTone"/>). The product's default: on the starter's held-out synthetic damage
    /// it scores 1.6–2.2 dB above the official stretch. A faded print keeps its cast and its lost contrast, which the
    /// networks could not have undone either; the stretch gives the contrast back.
    /// </summary>
    InputTone,
}

/// <summary>One photo to restore and how.</summary>
/// <param name="Photo">The uploaded file's bytes, untouched.</param>
/// <param name="RepairScratches">Run the scratch mode (partial non-local block) with a scratch mask.</param>
/// <param name="DetectScratches">Find scratches with the detector (when the package has one) before repairing.</param>
/// <param name="UserMask">A mask drawn by the user at the photo's upright size (1 = scratch), joined with the detected one.</param>
/// <param name="Format">Output format; null chooses by the input's format.</param>
/// <param name="Stretch">How the network's output gets its tone.</param>
public sealed record RestorationRequest(
    ReadOnlyMemory<byte> Photo,
    bool RepairScratches = false,
    bool DetectScratches = true,
    GrayImage? UserMask = null,
    OutputFormat? Format = null,
    OutputStretch Stretch = RestorationRequest.DefaultStretch)
{
    /// <summary>The tone the product gives restored photos unless asked otherwise.</summary>
    public const OutputStretch DefaultStretch = OutputStretch.InputTone;
}

/// <summary>Where a restoration is: a stage name and the fraction of the whole job done.</summary>
public sealed record RestorationProgress(string Stage, double Fraction);

/// <summary>The restored photo and everything a user or administrator may want to know about how it was made.</summary>
public sealed record RestorationResult(
    byte[] Output,
    OutputFormat Format,
    int Width,
    int Height,
    GrayImage? Mask,
    RestorationPlan Plan,
    string ExecutionProvider,
    string? ExecutionProviderFallback,
    string ModelName,
    string ModelVersion,
    IReadOnlyDictionary<string, TimeSpan> Timings);
