using System.Diagnostics;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;

namespace RestoreWeb.Inference.Pipeline;

/// <summary>
/// decode (auto-orient) → optional scratch detection ∪ user mask → restoration at the photo's own resolution
/// (rounded to multiples of 4, whole or tiled as planned) → output tone (the input's, by default) → back to the original size → encode
/// with the original metadata. One instance per model package; sessions are reused across photos.
/// </summary>
public sealed class RestorationPipeline : IDisposable
{
    private readonly ModelPackage _package;
    private readonly OnnxRestorationModel _model;
    private readonly ScratchDetector? _detector;
    private readonly PlannedRestoration _restoration;
    private readonly PhotoDecoder _decoder;
    private readonly PhotoEncoder _encoder;

    public RestorationPipeline(ModelPackage package, ExecutionProviderSelector providers, ImagingOptions imaging, PlannerOptions planner)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(providers);
        _package = package;
        _model = new OnnxRestorationModel(package.ToRestorationGraphs(), providers);
        _detector = package.Has(GraphRole.Detector) ? new ScratchDetector(package.Graph(GraphRole.Detector), package.Manifest.Input, providers) : null;
        _restoration = new PlannedRestoration(_model, package.Manifest.Costs, new RestorationPlanner(planner));
        _decoder = new PhotoDecoder(imaging);
        _encoder = new PhotoEncoder(imaging);
    }

    public ModelManifest Manifest => _package.Manifest;

    public ExecutionProviderChoice ExecutionProvider => _model.ExecutionProvider;

    public RestorationResult Restore(RestorationRequest request, IProgress<RestorationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timings = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        void Stage(string name, double fraction)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new RestorationProgress(name, fraction));
        }
        void Done(string name)
        {
            timings[name] = watch.Elapsed;
            watch.Restart();
        }

        Stage("decode", 0.0);
        var photo = _decoder.Decode(request.Photo, cancellationToken);
        var pixels = photo.Pixels;
        if (request.UserMask is { } user && (user.Width != pixels.Width || user.Height != pixels.Height))
        {
            throw new ArgumentException(
                $"The mask is {user.Width}×{user.Height} pixels but the photo is {pixels.Width}×{pixels.Height} (upright); draw the mask on this photo.",
                nameof(request));
        }
        if (request.RepairScratches && !_model.SupportsScratchRepair)
        {
            throw new InvalidOperationException($"Model {_package.Manifest.Name} {_package.Manifest.Version} cannot repair scratches: it has no scratch graphs.");
        }
        Done("decode");

        var (width, height) = SizeRounding.ToNearestMultiple(pixels.Width, pixels.Height, _package.Manifest.Input.SizeMultiple);
        var working = Resampling.ResizeBilinear(pixels, width, height);

        GrayImage? mask = null;
        if (request.RepairScratches)
        {
            Stage("detect", 0.05);
            mask = new GrayImage(width, height);
            if (request.DetectScratches && _detector is not null)
            {
                mask = _detector.Detect(pixels, width, height);
            }
            if (request.UserMask is not null)
            {
                var drawn = Resampling.ResizeNearest(request.UserMask, width, height);
                for (int i = 0; i < mask.Data.Length; i++)
                {
                    mask.Data[i] = Math.Max(mask.Data[i], drawn.Data[i] >= 0.5f ? 1f : 0f);
                }
            }
            Done("detect");
        }

        Stage("restore", 0.15);
        float[] input = new float[working.Data.Length];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (working.Data[i] - 0.5f) / 0.5f;
        }
        var (restored, plan) = _restoration.Run(input, mask?.Data, height, width,
            new InlineProgress<double>(p => progress?.Report(new RestorationProgress("restore", Math.Min(0.95, 0.15 + 0.8 * p)))), cancellationToken);
        Done("restore");

        Stage("encode", 0.95);
        var output = Resampling.ResizeBilinear(new RgbImage(width, height, Stretch(restored, request.Stretch, working, mask)), pixels.Width, pixels.Height);
        var format = request.Format ?? photo.DefaultOutputFormat;
        byte[] encoded = _encoder.Encode(output, photo.Metadata, format);
        GrayImage? fullMask = mask is null ? null : Resampling.ResizeNearest(mask, pixels.Width, pixels.Height);
        Done("encode");
        progress?.Report(new RestorationProgress("done", 1.0));

        return new RestorationResult(encoded, format, pixels.Width, pixels.Height, fullMask, plan,
            _model.ExecutionProvider.Provider, _model.ExecutionProvider.FallbackReason,
            _package.Manifest.Name, _package.Manifest.Version, timings);
    }

    public void Dispose()
    {
        _model.Dispose();
        _detector?.Dispose();
    }

    /// <summary>Network output in [-1,1] → pixel values in [0,1].</summary>
    /// <param name="input">The photo the network restored, in [0,1]: needed by <see cref="OutputStretch.InputTone"/> only.</param>
    /// <param name="mask">The scratch mask, left out of the input tone's measurements.</param>
    public static float[] Stretch(float[] restored, OutputStretch stretch, RgbImage? input = null, GrayImage? mask = null)
    {
        ArgumentNullException.ThrowIfNull(restored);
        if (stretch == OutputStretch.InputTone)
        {
            return InputTone.Apply(restored, input ?? throw new ArgumentException("The input tone is measured on the input: pass it.", nameof(input)), mask);
        }
        var result = new float[restored.Length];
        if (stretch == OutputStretch.Clamp)
        {
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = Math.Clamp((restored[i] + 1f) / 2f, 0f, 1f);
            }
            return result;
        }
        float min = float.MaxValue, max = float.MinValue;
        foreach (float v in restored)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        float range = max - min;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = range > 1e-6f ? (restored[i] - min) / range : Math.Clamp((restored[i] + 1f) / 2f, 0f, 1f);
        }
        return result;
    }
}
