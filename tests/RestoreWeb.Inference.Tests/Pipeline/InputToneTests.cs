using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Pipeline;

namespace RestoreWeb.Inference.Tests.Pipeline;

public sealed class InputToneTests
{
    private const int Width = 24, Height = 16;

    [Fact]
    public void The_output_takes_the_input_channel_means_and_overall_spread_and_keeps_its_own_colour_balance()
    {
        var random = new Random(4);
        // Channels of different spread, so that a per-channel stretch and a shared one would differ.
        float[] restored = Planes(c => (random.NextSingle() - 0.5f) * (0.4f + (0.3f * c)) - 0.1f);
        var input = new RgbImage(Width, Height, Planes(c => 0.3f + (0.1f * c) + (0.2f * random.NextSingle())));

        float[] toned = InputTone.Apply(restored, input, mask: null);

        double inputSpread = 0, tonedSpread = 0;
        for (int c = 0; c < 3; c++)
        {
            var t = toned.AsSpan(c * input.PlaneLength, input.PlaneLength).ToArray();
            var p = input.Plane(c).ToArray();
            Assert.Equal(p.Average(), t.Average(), 4);
            inputSpread += Variance(p);
            tonedSpread += Variance(t);
        }
        Assert.Equal(inputSpread, tonedSpread, 5);
        // One scale for all three channels: the output's differences between channels keep their proportions.
        double scale = Math.Sqrt(inputSpread / Enumerable.Range(0, 3).Sum(c => Variance(restored.AsSpan(c * input.PlaneLength, input.PlaneLength).ToArray().Select(v => v / 2f).ToArray())));
        for (int c = 0; c < 3; c++)
        {
            int first = c * input.PlaneLength;
            Assert.Equal(scale * (restored[first + 1] - restored[first]) / 2, toned[first + 1] - toned[first], 4);
        }
    }

    [Fact]
    public void Masked_pixels_count_neither_in_the_input_nor_in_the_output()
    {
        var random = new Random(9);
        float[] restored = Planes(_ => random.NextSingle() - 0.5f);
        var input = new RgbImage(Width, Height, Planes(_ => 0.2f + (0.5f * random.NextSingle())));
        var mask = new GrayImage(Width, Height);
        var holed = input.Clone();
        var repaired = (float[])restored.Clone();
        for (int y = 4; y < 9; y++)
        {
            for (int x = 3; x < 15; x++)
            {
                mask[y, x] = 1f;
                for (int c = 0; c < 3; c++)
                {
                    // The hole is white in the input, and the network paints something else there.
                    holed[c, y, x] = 1f;
                    repaired[(c * input.PlaneLength) + (y * Width) + x] = -0.9f;
                }
            }
        }

        float[] expected = InputTone.Apply(restored, input, mask);
        float[] actual = InputTone.Apply(repaired, holed, mask);

        for (int i = 0; i < expected.Length; i++)
        {
            if (mask.Data[i % input.PlaneLength] < 0.5f)
            {
                Assert.Equal(expected[i], actual[i], 5);
            }
        }
    }

    [Fact]
    public void Values_are_clipped_a_flat_output_keeps_its_scale_and_a_fully_masked_photo_counts_every_pixel()
    {
        var input = new RgbImage(Width, Height, Planes(c => c == 0 ? 0.9f : 0.1f));
        float[] flat = Planes(_ => 0.2f);

        float[] toned = InputTone.Apply(flat, input, mask: null);
        Assert.All(toned.AsSpan(0, input.PlaneLength).ToArray(), v => Assert.Equal(0.9f, v, 5));
        Assert.All(toned.AsSpan(input.PlaneLength).ToArray(), v => Assert.Equal(0.1f, v, 5));

        var everything = new GrayImage(Width, Height);
        Array.Fill(everything.Data, 1f);
        Assert.Equal(toned, InputTone.Apply(flat, input, everything));

        var random = new Random(2);
        var spread = InputTone.Apply(Planes(_ => (random.NextSingle() * 2) - 1), new RgbImage(Width, Height, Planes(_ => random.NextSingle() < 0.5f ? 0f : 1f)), null);
        Assert.All(spread, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void A_blank_input_gives_a_blank_output_in_its_colour()
    {
        var random = new Random(6);
        var blank = new RgbImage(Width, Height, Planes(c => 0.2f + (0.3f * c)));

        float[] toned = InputTone.Apply(Planes(_ => (random.NextSingle() * 2) - 1), blank, mask: null);

        for (int c = 0; c < 3; c++)
        {
            Assert.All(toned.AsSpan(c * blank.PlaneLength, blank.PlaneLength).ToArray(), v => Assert.Equal(0.2f + (0.3f * c), v, 5));
        }
    }

    [Fact]
    public void A_non_finite_output_value_takes_its_channel_mean_and_leaves_the_rest_of_the_channel_alone()
    {
        var random = new Random(8);
        float[] restored = Planes(_ => random.NextSingle() - 0.5f);
        var input = new RgbImage(Width, Height, Planes(_ => 0.2f + (0.5f * random.NextSingle())));
        float[] faulty = (float[])restored.Clone();
        faulty[5] = float.NaN;
        faulty[input.PlaneLength + 7] = float.PositiveInfinity;

        float[] toned = InputTone.Apply(faulty, input, mask: null);

        Assert.All(toned, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(input.Plane(0).ToArray().Average(), toned[5], 5);
        Assert.Equal(input.Plane(1).ToArray().Average(), toned[input.PlaneLength + 7], 5);
        // The other pixels move only as much as leaving two values out of the statistics moves them.
        float[] clean = InputTone.Apply(restored, input, mask: null);
        Assert.All(Enumerable.Range(0, toned.Length).Where(i => i != 5 && i != input.PlaneLength + 7), i => Assert.Equal(clean[i], toned[i], 1e-2f));
    }

    [Fact]
    public void Sizes_that_do_not_match_are_refused_by_name()
    {
        var input = new RgbImage(Width, Height);

        var restored = Assert.Throws<ArgumentException>(() => InputTone.Apply(new float[10], input, null));
        Assert.Contains($"holds 10 values but the input {3 * Width * Height}", restored.Message, StringComparison.Ordinal);
        var mask = Assert.Throws<ArgumentException>(() => InputTone.Apply(new float[3 * Width * Height], input, new GrayImage(Width, Height + 1)));
        Assert.Contains($"The mask is {Width}×{Height + 1} but the input is {Width}×{Height}", mask.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RestorationPipeline.Stretch(new float[3], OutputStretch.InputTone));
    }

    private static float[] Planes(Func<int, float> value)
    {
        var data = new float[3 * Width * Height];
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < Width * Height; i++)
            {
                data[(c * Width * Height) + i] = value(c);
            }
        }
        return data;
    }

    private static double Variance(float[] values)
    {
        double mean = values.Average();
        return values.Average(v => (v - mean) * (v - mean));
    }
}
