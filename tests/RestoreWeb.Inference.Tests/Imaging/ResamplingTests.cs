using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class ResamplingTests
{
    [Fact]
    public void Bilinear_resize_keeps_a_flat_colour_flat()
    {
        var flat = new RgbImage(37, 23);
        flat.Plane(0).Fill(0.2f);
        flat.Plane(1).Fill(0.6f);
        flat.Plane(2).Fill(0.9f);

        foreach (var (w, h) in new[] { (80, 44), (12, 8) })
        {
            var resized = Resampling.ResizeBilinear(flat, w, h);

            Assert.Equal((w, h), (resized.Width, resized.Height));
            Assert.All(resized.Plane(0).ToArray(), v => Assert.Equal(0.2f, v, 5));
            Assert.All(resized.Plane(1).ToArray(), v => Assert.Equal(0.6f, v, 5));
            Assert.All(resized.Plane(2).ToArray(), v => Assert.Equal(0.9f, v, 5));
        }
    }

    [Fact]
    public void Bilinear_upscaling_interpolates_linearly_between_pixels()
    {
        // A ramp 0, 0.25, 0.5, 0.75 doubled in width: interior samples fall halfway between sources.
        var ramp = new RgbImage(4, 1);
        for (int x = 0; x < 4; x++)
        {
            ramp[0, 0, x] = x * 0.25f;
        }

        var wide = Resampling.ResizeBilinear(ramp, 8, 1);

        // Target pixel centres map to source positions (x + 0.5) / 2 − 0.5: 0.25, 0.75, 1.25, ...
        for (int x = 1; x < 7; x++)
        {
            float position = ((x + 0.5f) / 2f) - 0.5f;
            Assert.Equal(position * 0.25f, wide[0, 0, x], 4);
        }
    }

    [Fact]
    public void Bilinear_downscaling_averages_instead_of_skipping_pixels()
    {
        // Alternating columns 0, 1: a resampler that merely picked pixels would return 0s or 1s.
        var stripes = new RgbImage(64, 4);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 1; x < 64; x += 2)
            {
                stripes[1, y, x] = 1f;
            }
        }

        var small = Resampling.ResizeBilinear(stripes, 16, 4);

        for (int x = 1; x < 15; x++)
        {
            Assert.Equal(0.5f, small[1, 2, x], 2);
        }
    }

    [Fact]
    public void Resizing_to_the_same_size_returns_an_independent_copy()
    {
        var image = new RgbImage(8, 8);
        image[2, 3, 4] = 0.7f;

        var copy = Resampling.ResizeBilinear(image, 8, 8);
        copy[2, 3, 4] = 0.1f;

        Assert.Equal(0.7f, image[2, 3, 4]);
        Assert.NotSame(image.Data, copy.Data);
    }

    [Fact]
    public void Nearest_resize_of_a_mask_keeps_it_binary_and_follows_pytorch_indices()
    {
        var mask = new GrayImage(5, 1, [0, 1, 0, 1, 1]);

        var down = Resampling.ResizeNearest(mask, 3, 1);
        var up = Resampling.ResizeNearest(new GrayImage(2, 2, [1, 0, 0, 1]), 4, 4);

        // floor(i × 5/3) = 0, 1, 3
        Assert.Equal([0f, 1f, 1f], down.Data);
        Assert.Equal([1f, 1f, 0f, 0f, 1f, 1f, 0f, 0f, 0f, 0f, 1f, 1f, 0f, 0f, 1f, 1f], up.Data);
        Assert.All(Resampling.ResizeNearest(new GrayImage(7, 9, [.. Enumerable.Range(0, 63).Select(i => (float)(i % 2))]), 31, 17).Data,
            v => Assert.True(v is 0f or 1f));
    }
}
