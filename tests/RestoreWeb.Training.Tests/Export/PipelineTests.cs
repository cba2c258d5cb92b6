using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Export;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace RestoreWeb.Training.Tests.Export;

/// <summary>The whole restoration pipeline on a real (tiny, randomly initialised) package in ONNX Runtime.</summary>
public sealed class PipelineTests(ITestOutputHelper output) : IClassFixture<PipelineTests.TinyPackage>
{
    private readonly ModelPackage _package = TinyPackage.Package;

    [Fact]
    public void Scratch_repair_joins_the_detected_and_the_drawn_mask_and_records_what_was_done()
    {
        using var pipeline = Pipeline();
        var drawn = new GrayImage(60, 44);
        for (int y = 10; y < 30; y++)
        {
            drawn[y, 20] = 1f;
            drawn.Data[y * 60 + 21] = 1f;
        }

        var result = pipeline.Restore(new RestorationRequest(Png(60, 44), RepairScratches: true, UserMask: drawn));

        Assert.NotNull(result.Mask);
        Assert.Equal((60, 44), (result.Mask!.Width, result.Mask.Height));
        for (int y = 10; y < 30; y++)
        {
            Assert.Equal(1f, result.Mask[y, 20]);
        }
        Assert.Equal(OutputFormat.Png, result.Format);
        Assert.Equal(ExecutionProviderChoice.Cpu, result.ExecutionProvider);
        Assert.False(result.Plan.Tiled);
        Assert.Equal(["decode", "detect", "restore", "encode"], result.Timings.Keys);
        Assert.Equal(("tiny", "0.1.0"), (result.ModelName, result.ModelVersion));
        using var image = Image.Load<Rgb24>(result.Output);
        Assert.Equal((60, 44), (image.Width, image.Height));
    }

    [Fact]
    public void The_scratch_mask_is_cut_at_the_threshold_the_package_names()
    {
        var providers = new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu, IntraOpThreads = 2 });
        using var probe = new ScratchDetector(_package.Graph(GraphRole.Detector), _package.Manifest.Input, providers);
        var random = new Random(3);
        var pixels = new RgbImage(48, 48, Enumerable.Range(0, 3 * 48 * 48).Select(_ => random.NextSingle()).ToArray());
        var probabilities = probe.Probabilities(pixels).Data.Order().ToArray();
        float median = probabilities[probabilities.Length / 2];

        int Marked(double threshold)
        {
            using var detector = new ScratchDetector(_package.Graph(GraphRole.Detector), _package.Manifest.Input with { DetectorThreshold = threshold }, providers);
            return detector.Detect(pixels, 48, 48).Data.Count(v => v == 1f);
        }

        Assert.Equal(0.4, _package.Manifest.Input.DetectorThreshold);
        Assert.Equal(48 * 48, Marked(0));
        Assert.Equal(0, Marked(1.01));
        int half = Marked(median);
        Assert.InRange(half, 1, 48 * 48 - 1);
        Assert.True(Marked(probabilities[^1] + 1e-6) < half);
    }

    [Fact]
    public void Progress_runs_through_the_stages_to_completion_and_cancellation_stops_the_work()
    {
        using var pipeline = Pipeline();
        var stages = new List<RestorationProgress>();

        pipeline.Restore(new RestorationRequest(Png(40, 40)), new InlineProgress<RestorationProgress>(stages.Add));

        Assert.Equal("decode", stages[0].Stage);
        Assert.Equal(("done", 1.0), (stages[^1].Stage, stages[^1].Fraction));
        Assert.True(stages.Zip(stages.Skip(1)).All(p => p.Second.Fraction >= p.First.Fraction), "progress went backwards");

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Restore(new RestorationRequest(Png(40, 40)), null, cancelled.Token));
    }

    [Fact]
    public void Images_below_the_network_minimum_and_wrong_masks_get_specific_errors()
    {
        using var pipeline = Pipeline();

        var tooSmall = Assert.Throws<ImageRejectedException>(() => pipeline.Restore(new RestorationRequest(Png(12, 40))));
        Assert.Equal(ImageRejectionReason.TooSmall, tooSmall.Reason);

        var wrongMask = Assert.Throws<ArgumentException>(() =>
            pipeline.Restore(new RestorationRequest(Png(40, 40), RepairScratches: true, UserMask: new GrayImage(39, 40))));
        Assert.Contains("The mask is 39×40 pixels but the photo is 40×40", wrongMask.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<ImageRejectedException>(() => pipeline.Restore(new RestorationRequest(Array.Empty<byte>())));
        Assert.Equal(ImageRejectionReason.Empty, empty.Reason);
    }

    [Fact]
    public void The_networks_cannot_see_a_per_channel_offset_or_a_common_scale_and_the_input_tone_puts_them_back()
    {
        using var pipeline = Pipeline();
        const int height = 64, width = 80;
        // Even 8-bit levels halved plus whole levels stay exact in a PNG, so both photos reach the network unrounded:
        // an untrained network is chaotic enough to blow up even rounding differences.
        const float scale = 0.5f;
        float[] offset = [60 / 255f, 40 / 255f, 75 / 255f];
        float[] texture = StationaryTexture(height, width);
        var photo = new RgbImage(width, height, texture.Select(v => 2 * MathF.Round(62 + (50 * v)) / 255f).ToArray());
        var shifted = new RgbImage(width, height);
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < photo.PlaneLength; i++)
            {
                shifted.Plane(c)[i] = (scale * photo.Plane(c)[i]) + offset[c];
            }
        }

        RgbImage Restore(RgbImage image, OutputStretch stretch) =>
            Pixels(pipeline.Restore(new RestorationRequest(Png(image), Stretch: stretch)).Output);

        // The encoder's first instance norm removes both.
        var plain = Restore(photo, OutputStretch.Clamp);
        var plainShifted = Restore(shifted, OutputStretch.Clamp);
        double blind = plain.Data.Zip(plainShifted.Data, (a, b) => Math.Abs(a - b)).Average();
        output.WriteLine($"clamp: mean |difference| {blind * 255:F2}/255");
        Assert.True(blind < 1.5 / 255, $"the restorations differ by {blind * 255:F2}/255 on average");

        // With the input's tone, each output takes its own input's tone: the second is the first, shifted and scaled.
        var toned = Restore(photo, OutputStretch.InputTone);
        var tonedShifted = Restore(shifted, OutputStretch.InputTone);
        double mismatch = 0;
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < toned.PlaneLength; i++)
            {
                mismatch += Math.Abs(tonedShifted.Plane(c)[i] - ((scale * toned.Plane(c)[i]) + offset[c]));
            }
        }
        mismatch /= toned.Data.Length;
        output.WriteLine($"input tone: mean |difference| {mismatch * 255:F2}/255");
        Assert.True(mismatch < 1.5 / 255, $"the toned restorations differ from the transform by {mismatch * 255:F2}/255 on average");
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(photo.Plane(c).ToArray().Average(), toned.Plane(c).ToArray().Average(), 0.01);
            Assert.Equal(shifted.Plane(c).ToArray().Average(), tonedShifted.Plane(c).ToArray().Average(), 0.01);
        }
    }

    [Fact]
    public void In_scratch_mode_the_input_tone_is_measured_outside_the_mask()
    {
        using var pipeline = Pipeline();
        const int height = 48, width = 64;
        var photo = new RgbImage(width, height, StationaryTexture(height, width).Select(v => 0.45f + (0.25f * v)).ToArray());
        var mask = new GrayImage(width, height);
        for (int y = 8; y < 40; y++)
        {
            for (int x = 10; x < 30; x++)
            {
                mask[y, x] = 1f;
                // A white hole, as damage leaves it: it would lift the means if it were counted.
                for (int c = 0; c < 3; c++)
                {
                    photo[c, y, x] = 1f;
                }
            }
        }

        var restored = Pixels(pipeline.Restore(new RestorationRequest(Png(photo), RepairScratches: true, DetectScratches: false, UserMask: mask)).Output);

        var outside = Enumerable.Range(0, photo.PlaneLength).Where(i => mask.Data[i] < 0.5f).ToArray();
        for (int c = 0; c < 3; c++)
        {
            var source = photo.Plane(c).ToArray();
            var result = restored.Plane(c).ToArray();
            Assert.Equal(outside.Average(i => source[i]), outside.Average(i => result[i]), 0.01);
        }
    }

    [Fact]
    public void Tiled_restoration_agrees_with_the_whole_image_away_from_tile_borders_and_shows_no_seam()
    {
        var providers = new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu, IntraOpThreads = 2 });
        using var model = new OnnxRestorationModel(_package.ToRestorationGraphs(), providers);
        int height = 320, width = 384;
        float[] image = StationaryTexture(height, width);
        var whole = new PlannedRestoration(model, _package.Manifest.Costs, new RestorationPlanner(new PlannerOptions())).Run(image, null, height, width);
        var tiny = new PlannerOptions { CpuMemoryBudgetBytes = 1, MinTileSide = 224, TileOverlap = 64 };
        var tiled = new PlannedRestoration(model, _package.Manifest.Costs, new RestorationPlanner(tiny)).Run(image, null, height, width);

        Assert.False(whole.Plan.Tiled);
        Assert.True(tiled.Plan.Tiled);
        var layout = TileLayout.Create(height, width, tiled.Plan.TileSize, tiled.Plan.TileSize, tiled.Plan.Overlap);
        Assert.Equal(layout.Count, tiled.Plan.TileCount);
        Assert.True(layout.ColumnOrigins.Count > 1 && layout.RowOrigins.Count > 1);

        // Away from tile borders (pixels owned by one tile, 24 px or more from its shared edges) a tile differs from
        // the whole pass only because it normalises with its own instance-norm statistics. Randomly initialised
        // networks are the worst case for that (a trained model's statistics vary less across a photo), and the
        // tolerance is stated for them: mean |Δ| ≤ 0.08 and 99th percentile ≤ 0.30 on the [-1, 1] range.
        var interior = new List<float>();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var owners = layout.Tiles.Where(t => y >= t.Top && y < t.Top + layout.TileHeight && x >= t.Left && x < t.Left + layout.TileWidth).ToList();
                if (owners.Count == 1 && DistanceToSharedEdge(layout, owners[0], y, x) >= 24)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        int i = c * height * width + y * width + x;
                        interior.Add(Math.Abs(whole.Restored[i] - tiled.Restored[i]));
                    }
                }
            }
        }
        interior.Sort();
        double mean = interior.Average(), p99 = interior[(int)(interior.Count * 0.99)];
        output.WriteLine($"tiled vs whole away from tile borders ({interior.Count / 3} px): mean |Δ| {mean:F4}, 99th percentile {p99:F4}");
        Assert.True(mean <= 0.08 && p99 <= 0.30, $"tiled differs from whole: mean {mean:F4}, p99 {p99:F4}");

        // No seam: the jump between neighbouring columns where tiles meet is no larger than elsewhere.
        double seam = ColumnJump(tiled.Restored, height, width, layout.ColumnOrigins[1] + tiled.Plan.Overlap / 2);
        double typical = Enumerable.Range(1, width - 1).Average(x => ColumnJump(tiled.Restored, height, width, x));
        output.WriteLine($"column jump at the seam {seam:F4}, typical {typical:F4}");
        Assert.True(seam < 2 * typical + 1e-3, $"seam jump {seam:F4} vs typical {typical:F4}");
    }

    private RestorationPipeline Pipeline() => new(_package,
        new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu, IntraOpThreads = 2 }),
        new ImagingOptions(), new PlannerOptions());

    private static int DistanceToSharedEdge(TileLayout layout, (int Top, int Left) tile, int y, int x)
    {
        const int farAway = int.MaxValue;
        int top = tile.Top > 0 ? y - tile.Top : farAway;
        int bottom = tile.Top + layout.TileHeight < layout.Height ? tile.Top + layout.TileHeight - 1 - y : farAway;
        int left = tile.Left > 0 ? x - tile.Left : farAway;
        int right = tile.Left + layout.TileWidth < layout.Width ? tile.Left + layout.TileWidth - 1 - x : farAway;
        return Math.Min(Math.Min(top, bottom), Math.Min(left, right));
    }

    private static double ColumnJump(float[] image, int height, int width, int x)
    {
        double sum = 0;
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < height; y++)
            {
                sum += Math.Abs(image[c * height * width + y * width + x] - image[c * height * width + y * width + x - 1]);
            }
        }
        return sum / (3 * height);
    }

    /// <summary>
    /// A texture whose statistics are the same everywhere, as a photo's are at the scale of the planner's tiles
    /// (hundreds of pixels): wavelengths of 5–20 px, so every tile sees the same mix.
    /// </summary>
    private static float[] StationaryTexture(int height, int width)
    {
        var random = new Random(17);
        var waves = Enumerable.Range(0, 12).Select(_ => (Fx: random.NextDouble() * 1.2, Fy: random.NextDouble() * 1.2, Phase: random.NextDouble() * 6.3, Channel: random.Next(3))).ToArray();
        var image = new float[3 * height * width];
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    double v = waves.Where(w => w.Channel == c || c == 1).Sum(w => Math.Sin(w.Fx * x + w.Fy * y + w.Phase));
                    image[c * height * width + y * width + x] = (float)Math.Tanh(v / 3);
                }
            }
        }
        return image;
    }

    private static byte[] Png(RgbImage pixels) => new PhotoEncoder(new ImagingOptions()).Encode(pixels, PhotoMetadata.None, OutputFormat.Png);

    private static RgbImage Pixels(byte[] encoded) => new PhotoDecoder(new ImagingOptions()).Decode(encoded).Pixels;

    private static byte[] Png(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(180, 150, 120));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>One tiny package for the class, exported once.</summary>
    public sealed class TinyPackage : IDisposable
    {
        private static readonly Lazy<(string Path, ModelPackage Package)> Exported = new(() =>
        {
            string path = Path.Combine(Path.GetTempPath(), $"restoreweb-pipeline-{Guid.NewGuid():N}.zip");
            ModelPackageExporter.Export(path, TinyModels.Weights(seed: 5), TinyModels.Preset, "tiny", "0.1.0", ModelSource.Trained);
            return (path, ModelPackage.Open(path));
        });

        public static ModelPackage Package => Exported.Value.Package;

        public void Dispose()
        {
            if (Exported.IsValueCreated)
            {
                File.Delete(Exported.Value.Path);
            }
        }
    }
}
