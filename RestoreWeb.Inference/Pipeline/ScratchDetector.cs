using Microsoft.ML.OnnxRuntime;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;

namespace RestoreWeb.Inference.Pipeline;

/// <summary>
/// Finds scratches the way the official test path does: luma, scaled so the short side is the detector's working
/// size and both sides are multiples of 2^depth, the U-Net, a sigmoid, nearest upsampling to the requested size
/// and a threshold (0.4 in the official code).
/// </summary>
public sealed class ScratchDetector : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly InputConstraints _constraints;

    public ScratchDetector(byte[] graph, InputConstraints constraints, ExecutionProviderSelector providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _constraints = constraints;
        using var options = providers.CreateSessionOptions();
        _session = new InferenceSession(graph, options);
    }

    /// <summary>Scratch probabilities at the detector's working size.</summary>
    public GrayImage Probabilities(RgbImage photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var (width, height) = SizeRounding.ScaleShortSide(photo.Width, photo.Height, _constraints.DetectorShortSide);
        (width, height) = SizeRounding.ToNearestMultiple(width, height, _constraints.DetectorSizeMultiple);
        var luma = Luma.Extract(Resampling.ResizeBilinear(photo, width, height));
        float[] input = new float[luma.Data.Length];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (luma.Data[i] - 0.5f) / 0.5f;
        }
        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 1, height, width]);
        using var outputs = _session.Run(_runOptions, [_session.InputNames[0]], [value], _session.OutputNames);
        var logits = outputs[0].GetTensorDataAsSpan<float>();
        float[] probabilities = new float[logits.Length];
        for (int i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = 1f / (1f + MathF.Exp(-logits[i]));
        }
        return new GrayImage(width, height, probabilities);
    }

    /// <summary>The binary scratch mask (1 = scratch) at <paramref name="width"/>×<paramref name="height"/>.</summary>
    public GrayImage Detect(RgbImage photo, int width, int height)
    {
        var probabilities = Resampling.ResizeNearest(Probabilities(photo), width, height);
        float threshold = (float)_constraints.DetectorThreshold;
        var data = probabilities.Data;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = data[i] >= threshold ? 1f : 0f;
        }
        return probabilities;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
