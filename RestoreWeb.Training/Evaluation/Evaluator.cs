using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Degradation;
using RestoreWeb.Training.Reporting;
using RestoreWeb.Training.Stages;
using SixLabors.ImageSharp;

namespace RestoreWeb.Training.Evaluation;

/// <summary>
/// Scores a model package on a seeded synthetic test set: each clean photo is degraded twice (unstructured damage
/// only, and with scratches and holes) and restored through the product's own pipeline (encode → decode → detect →
/// restore → tone → encode), so the numbers are what a user would get. Each clean photo is also restored as it
/// is: the model's score on it says what its round trip keeps of a photo with nothing to repair.
/// </summary>
public sealed class Evaluator(ModelPackage package, OutputStretch stretch = RestorationRequest.DefaultStretch, int threads = 0)
{
    private static readonly (string Name, DegradationOptions Options, bool Scratch)[] Damages =
    [
        ("unstructured (noise, blur, low resolution, JPEG, fading)", DegradationOptions.Paper with
        {
            Structured = DegradationOptions.OfficialV2Only.Structured,
            Holes = HoleOptions.None,
        }, false),
        ("structured (scratches, dust, creases, holes) + unstructured", DegradationOptions.Paper, true),
    ];

    /// <param name="photos">Each photo's file name (it names the photo in the per-sample scores) and its pixels.</param>
    public EvaluationReport Run(IReadOnlyList<(string Name, RgbImage Image)> photos, string photosName, int seed, string? gridPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(photos);
        var providers = new ExecutionProviderSelector(new ExecutionProviderOptions { IntraOpThreads = threads });
        using var pipeline = new RestorationPipeline(package, providers, new ImagingOptions(), new PlannerOptions());
        var decoder = new PhotoDecoder(new ImagingOptions());
        var rows = new List<EvaluationRow>();
        var samples = new List<EvaluationSample>();
        var grid = new List<IReadOnlyList<RgbImage>>();
        int done = 0, total = photos.Count * (Damages.Length + 1);
        bool canRepairScratches = pipeline.Manifest.Costs.AttentionChannels > 0;

        (RgbImage Restored, GrayImage? Mask) Restore(RgbImage photo, bool repairScratches)
        {
            var result = pipeline.Restore(new RestorationRequest(Png(photo), RepairScratches: repairScratches, Format: OutputFormat.Png, Stretch: stretch),
                cancellationToken: cancellationToken);
            return (decoder.Decode(result.Output, cancellationToken).Pixels, result.Mask);
        }

        foreach (var (name, options, scratch) in Damages)
        {
            var synthesizer = new DegradationSynthesizer(options);
            int first = samples.Count;
            for (int i = 0; i < photos.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (photo, clean) = photos[i];
                var sample = synthesizer.Degrade(clean, StableSeed.Derive(seed, "evaluate", name, i));
                var (restored, mask) = Restore(sample.Degraded, scratch && canRepairScratches);
                var classical = ClassicalBaseline.Restore(sample.Degraded, mask);
                samples.Add(new EvaluationSample(name, scratch, photo,
                    Score(sample.Degraded, sample.Target), Score(classical, sample.Target), Score(restored, sample.Target)));
                if (grid.Count < 6 && i % Math.Max(1, photos.Count / 3) == 0)
                {
                    grid.Add([sample.Degraded, classical, restored, sample.Target]);
                }
                progress?.Report(++done / (double)total);
            }
            var scored = samples.Skip(first).ToList();
            var (input, baseline, model) = EvaluationReport.Means(scored);
            rows.Add(new EvaluationRow(name, scored.Count, input, baseline, model));
        }
        // An undamaged photo in: what the round trip itself costs, to set against what the damage costs.
        var roundTrips = new List<QualityScore>();
        foreach (var (_, clean) in photos)
        {
            cancellationToken.ThrowIfCancellationRequested();
            roundTrips.Add(Score(Restore(clean, repairScratches: false).Restored, clean));
            progress?.Report(++done / (double)total);
        }
        if (gridPath is not null)
        {
            SampleGrid.Write(gridPath, grid.Select(r => (IReadOnlyList<RgbImage>)r.Select(Fit).ToList()).ToList());
        }
        return new EvaluationReport($"{package.Manifest.Name} {package.Manifest.Version}", photosName, seed, rows, samples)
        {
            CleanRoundTrip = roundTrips.Count > 0 ? EvaluationReport.Mean(roundTrips) : null,
            OutputTone = stretch switch
            {
                OutputStretch.InputTone => "the input's channel means and contrast outside the scratch mask (InputTone, the product's)",
                OutputStretch.MinMax => "stretched from darkest to brightest (MinMax, the official test path)",
                OutputStretch.Clamp => "the network's own range, clipped (Clamp)",
                _ => stretch.ToString(),
            },
        };
    }

    private static QualityScore Score(RgbImage image, RgbImage target) => new(ImageQuality.Psnr(image, target), ImageQuality.Ssim(image, target));

    private static byte[] Png(RgbImage image) => new PhotoEncoder(new ImagingOptions()).Encode(image, PhotoMetadata.None, OutputFormat.Png);

    /// <summary>Grid cells at most 256 px wide so that the picture stays small.</summary>
    private static RgbImage Fit(RgbImage image) => image.Width <= 256 ? image
        : Resampling.ResizeBilinear(image, 256, Math.Max(1, image.Height * 256 / image.Width));
}
