using RestoreWeb.Training.Degradation;

namespace RestoreWeb.Training.Tests.Degradation;

public sealed class DeterminismTests
{
    [Fact]
    public void The_same_seed_gives_bit_identical_samples()
    {
        var clean = TestImages.Scene(80, 64);
        var first = new DegradationSynthesizer(DegradationOptions.Paper);
        var second = new DegradationSynthesizer(DegradationOptions.Paper);

        for (int seed = 0; seed < 10; seed++)
        {
            var a = first.Degrade(clean, seed);
            var b = second.Degrade(clean, seed);

            Assert.Equal(a.Degraded.Data, b.Degraded.Data);
            Assert.Equal(a.ScratchMask.Data, b.ScratchMask.Data);
            Assert.Equal(a.Target.Data, b.Target.Data);
            Assert.Equal(a.Record.Steps, b.Record.Steps);
        }
    }

    [Fact]
    public void Different_seeds_give_different_samples_and_the_input_is_left_alone()
    {
        var clean = TestImages.Scene(80, 64);
        var original = (float[])clean.Data.Clone();
        var synthesizer = new DegradationSynthesizer(DegradationOptions.Paper);

        var samples = Enumerable.Range(0, 6).Select(seed => synthesizer.Degrade(clean, seed)).ToList();

        Assert.Equal(original, clean.Data);
        for (int i = 1; i < samples.Count; i++)
        {
            Assert.NotEqual(samples[0].Degraded.Data, samples[i].Degraded.Data);
        }
    }

    [Fact]
    public void A_seed_drawn_from_a_random_is_the_seed_recorded()
    {
        var synthesizer = new DegradationSynthesizer(DegradationOptions.OfficialV2Only);
        var clean = TestImages.Scene(32, 32);

        var sample = synthesizer.Degrade(clean, new Random(7));

        Assert.Equal(new Random(7).Next(), sample.Record.Seed);
        Assert.Equal(synthesizer.Degrade(clean, sample.Record.Seed).Degraded.Data, sample.Degraded.Data);
    }

    [Fact]
    public void Every_degraded_value_is_an_8_bit_level_and_the_target_is_the_clean_image_or_its_grey()
    {
        var clean = TestImages.Scene(48, 40);
        var synthesizer = new DegradationSynthesizer(DegradationOptions.Paper with { GreyscaleProbability = 0.5 });
        bool sawGrey = false;
        bool sawColour = false;

        for (int seed = 0; seed < 20; seed++)
        {
            var sample = synthesizer.Degrade(clean, seed);

            Assert.All(sample.Degraded.Data, v => Assert.Equal(MathF.Round(v * 255f) / 255f, v));
            if (sample.Record.Has<GreyscaleStep>())
            {
                sawGrey = true;
                Assert.Equal(sample.Target.Plane(0).ToArray(), sample.Target.Plane(1).ToArray());
                Assert.Equal(sample.Target.Plane(0).ToArray(), sample.Target.Plane(2).ToArray());
            }
            else
            {
                sawColour = true;
                Assert.Equal(clean.Data, sample.Target.Data);
            }
        }
        Assert.True(sawGrey && sawColour);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(17, 5)]
    public void Tiny_and_odd_sized_images_degrade_to_their_own_size(int width, int height)
    {
        var options = DegradationOptions.Paper with
        {
            Holes = HoleOptions.HalfOfSamples with { Probability = 1, TornCornerProbability = 1 },
            Structured = new StructuredDamageOptions { ScratchProbability = 1, CreaseProbability = 1, CrackProbability = 1 },
        };
        var synthesizer = new DegradationSynthesizer(options);
        var clean = TestImages.Constant(width, height, 0.3f, 0.4f, 0.5f);

        for (int seed = 0; seed < 20; seed++)
        {
            var sample = synthesizer.Degrade(clean, seed);

            Assert.Equal((width, height), (sample.Degraded.Width, sample.Degraded.Height));
            Assert.Equal((width, height), (sample.ScratchMask.Width, sample.ScratchMask.Height));
            Assert.All(sample.Degraded.Data, v => Assert.InRange(v, 0f, 1f));
        }
    }
}
