using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation;

namespace RestoreWeb.Training.Tests.Degradation;

/// <summary>The mask marks exactly the pixels that structured damage and holes changed, and nothing else.</summary>
public sealed class ScratchMaskTests
{
    private static readonly DegradationOptions DamageEverywhere = DegradationOptions.Paper with
    {
        Structured = new StructuredDamageOptions
        {
            ScratchProbability = 1,
            CreaseProbability = 0.5,
            CrackProbability = 0.5,
            DustSpecks = new CountRange(5, 30),
            Fibres = new CountRange(1, 3),
            Stains = new CountRange(1, 3),
        },
    };

    [Theory]
    [InlineData(0.5f, 0.5f, 0.5f)]
    [InlineData(0.2f, 0.35f, 0.6f)]
    public void On_a_constant_image_the_mask_is_the_set_of_pixels_that_differ_from_the_undamaged_sample(float red, float green, float blue)
    {
        var clean = TestImages.Constant(96, 80, red, green, blue);
        var damaged = new DegradationSynthesizer(DamageEverywhere);
        var undamaged = new DegradationSynthesizer(DamageEverywhere with
        {
            Structured = DamageEverywhere.Structured with { Enabled = false },
            Holes = HoleOptions.None,
        });

        int marked = 0;
        for (int seed = 0; seed < 12; seed++)
        {
            var sample = damaged.Degrade(clean, seed);
            var reference = undamaged.Degrade(clean, seed);

            Assert.DoesNotContain(reference.Record.Steps, s => s is ScratchStep or DustStep or HolesStep);
            for (int y = 0; y < clean.Height; y++)
            {
                for (int x = 0; x < clean.Width; x++)
                {
                    bool differs = TestImages.CountDifferent(sample.Degraded, reference.Degraded, x, y) > 0;
                    Assert.True(differs == (sample.ScratchMask[y, x] == 1f), $"seed {seed}, pixel ({x}, {y}): differs {differs}, mask {sample.ScratchMask[y, x]}");
                }
            }
            marked += sample.ScratchMask.Data.Count(v => v == 1f);
            Assert.All(sample.ScratchMask.Data, v => Assert.True(v is 0f or 1f));
        }
        Assert.True(marked > 500, $"only {marked} pixels were damaged in 12 samples");
    }

    [Fact]
    public void Without_structured_damage_and_holes_the_mask_is_empty_however_aged_the_photo()
    {
        var options = DegradationOptions.RealOldStandIn with
        {
            Structured = new StructuredDamageOptions { Enabled = false },
            Holes = HoleOptions.None,
        };
        var synthesizer = new DegradationSynthesizer(options);

        for (int seed = 0; seed < 10; seed++)
        {
            var sample = synthesizer.Degrade(TestImages.Scene(64, 64), seed);

            Assert.All(sample.ScratchMask.Data, v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Holes_are_pure_white_and_marked()
    {
        var options = DegradationOptions.OfficialV2Only with { Holes = HoleOptions.HalfOfSamples with { Probability = 1 } };
        var synthesizer = new DegradationSynthesizer(options);
        var clean = TestImages.Constant(128, 96, 0.25f, 0.3f, 0.35f);

        for (int seed = 0; seed < 8; seed++)
        {
            var sample = synthesizer.Degrade(clean, seed);
            var holes = sample.Record.Find<HolesStep>();

            Assert.NotNull(holes);
            int white = 0;
            for (int y = 0; y < clean.Height; y++)
            {
                for (int x = 0; x < clean.Width; x++)
                {
                    bool isWhite = sample.Degraded[0, y, x] == 1f && sample.Degraded[1, y, x] == 1f && sample.Degraded[2, y, x] == 1f;
                    if (isWhite)
                    {
                        white++;
                        Assert.Equal(1f, sample.ScratchMask[y, x]);
                    }
                }
            }

            // A dark picture is never white by itself, so the white pixels are exactly the holes, all marked.
            Assert.Equal(holes.CoveredFraction, white / (double)clean.PlaneLength, 9);
            Assert.Equal(white, sample.ScratchMask.Data.Count(v => v == 1f));
            Assert.InRange(holes.CoveredFraction, 0.005, 0.6);
        }
    }

    [Fact]
    public void A_scratch_is_thin_and_long()
    {
        var options = DegradationOptions.OfficialV2Only with
        {
            OfficialV2 = new OfficialV2Options { Enabled = false },
            GreyscaleProbability = 0,
            Structured = new StructuredDamageOptions
            {
                ScratchProbability = 1,
                ScratchGroups = new CountRange(1, 1),
                ScratchClusterProbability = 0,
                ScratchLength = new ValueRange(0.8, 1.0),
                BrightProbability = 1,
                DustSpecks = CountRange.None,
                Fibres = CountRange.None,
                Stains = CountRange.None,
                CreaseProbability = 0,
                CrackProbability = 0,
            },
        };
        var synthesizer = new DegradationSynthesizer(options);
        var black = TestImages.Constant(256, 256, 0, 0, 0);

        for (int seed = 0; seed < 6; seed++)
        {
            var sample = synthesizer.Degrade(black, seed);
            var scratch = Assert.Single(sample.Record.Steps.OfType<ScratchStep>());
            var marked = MarkedPixels(sample.ScratchMask);

            Assert.NotEmpty(marked);
            int spanX = marked.Max(p => p.X) - marked.Min(p => p.X);
            int spanY = marked.Max(p => p.Y) - marked.Min(p => p.Y);
            double extent = Math.Max(spanX, spanY);

            // The visible part of a long scratch crosses a good part of the image, yet it is only a few pixels wide
            // (pixels per pixel of extent: at most the width times √2 for a diagonal one).
            Assert.True(extent > 40, $"seed {seed}: a scratch of length {scratch.Length:0} spans only {extent} pixels");
            double meanWidth = marked.Count / extent;
            Assert.True(meanWidth < 6, $"seed {seed}: {marked.Count} pixels over {extent} is {meanWidth:0.0} wide");

            // On black, a bright scratch can only lighten: every marked pixel got brighter, every other stayed black.
            foreach (var (x, y) in marked)
            {
                Assert.True(sample.Degraded[0, y, x] > 0);
            }
            Assert.Equal(marked.Count, sample.Degraded.Plane(0).ToArray().Count(v => v > 0));
        }
    }

    private static List<(int X, int Y)> MarkedPixels(GrayImage mask)
    {
        var marked = new List<(int X, int Y)>();
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                if (mask[y, x] == 1f)
                {
                    marked.Add((x, y));
                }
            }
        }
        return marked;
    }
}
