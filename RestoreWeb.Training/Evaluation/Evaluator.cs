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
/// restore → stretch → encode), so the numbers are what a user would get.
/// </summary>
public sealed class Evaluator(ModelPackage package, OutputStretch stretch = OutputStretch.MinMax, int threads = 0)
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

    public EvaluationReport Run(IReadOnlyList<RgbImage> photos, string photosName, int seed, string? gridPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(photos);
        var providers = new ExecutionProviderSelector(new ExecutionProviderOptions { IntraOpThreads = threads });
        using var pipeline = new RestorationPipeline(package, providers, new ImagingOptions(), new PlannerOptions());
        var decoder = new PhotoDecoder(new ImagingOptions());
        var rows = new List<EvaluationRow>();
        var grid = new List<IReadOnlyList<RgbImage>>();
        int done = 0, total = photos.Count * Damages.Length;
        foreach (var (name, options, scratch) in Damages)
        {
            var synthesizer = new DegradationSynthesizer(options);
            var input = new List<QualityScore>();
            var baseline = new List<QualityScore>();
            var model = new List<QualityScore>();
            for (int i = 0; i < photos.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sample = synthesizer.Degrade(photos[i], StableSeed.Derive(seed, "evaluate", name, i));
                var result = pipeline.Restore(new RestorationRequest(Png(sample.Degraded), RepairScratches: scratch && pipeline.Manifest.Costs.AttentionChannels > 0,
                    Format: OutputFormat.Png, Stretch: stretch), cancellationToken: cancellationToken);
                var restored = decoder.Decode(result.Output, cancellationToken).Pixels;
                var classical = ClassicalBaseline.Restore(sample.Degraded, result.Mask);
                input.Add(Score(sample.Degraded, sample.Target));
                baseline.Add(Score(classical, sample.Target));
                model.Add(Score(restored, sample.Target));
                if (grid.Count < 6 && i % Math.Max(1, photos.Count / 3) == 0)
                {
                    grid.Add([sample.Degraded, classical, restored, sample.Target]);
                }
                progress?.Report(++done / (double)total);
            }
            rows.Add(new EvaluationRow(name, photos.Count, Mean(input), Mean(baseline), Mean(model)));
        }
        if (gridPath is not null)
        {
            SampleGrid.Write(gridPath, grid.Select(r => (IReadOnlyList<RgbImage>)r.Select(Fit).ToList()).ToList());
        }
        return new EvaluationReport($"{package.Manifest.Name} {package.Manifest.Version}", photosName, seed, rows);
    }

    private static QualityScore Score(RgbImage image, RgbImage target) => new(ImageQuality.Psnr(image, target), ImageQuality.Ssim(image, target));

    private static QualityScore Mean(List<QualityScore> scores) =>
        new(scores.Select(s => Math.Min(s.Psnr, 100)).Average(), scores.Average(s => s.Ssim));

    private static byte[] Png(RgbImage image) => new PhotoEncoder(new ImagingOptions()).Encode(image, PhotoMetadata.None, OutputFormat.Png);

    /// <summary>Grid cells at most 256 px wide so that the picture stays small.</summary>
    private static RgbImage Fit(RgbImage image) => image.Width <= 256 ? image
        : Resampling.ResizeBilinear(image, 256, Math.Max(1, image.Height * 256 / image.Width));
}
