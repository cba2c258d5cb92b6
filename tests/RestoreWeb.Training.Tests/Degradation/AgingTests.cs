using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Aging;

namespace RestoreWeb.Training.Tests.Degradation;

public sealed class AgingTests
{
    [Fact]
    public void Fading_turns_white_cream_lifts_black_to_brown_and_flattens_contrast()
    {
        var image = TestImages.Constant(64, 64, 1f, 1f, 1f);
        for (int y = 0; y < 64; y++)
        {
            for (int x = 32; x < 64; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    image[c, y, x] = 0f;
                }
            }
        }

        var faded = Fading.Apply(image, strength: 0.5, yellowing: 0.8, unevenness: 0, new Random(4));

        var white = Pixel(faded, 10, 32);
        var black = Pixel(faded, 50, 32);
        Assert.True(white.R > white.G && white.G > white.B, $"paper {white} should be warm");
        Assert.True(white.B < 0.8f, $"paper {white} should be visibly yellow");
        Assert.True(black.R > black.G && black.G > black.B && black.R > 0.15f, $"black {black} should lift to brown");
        Assert.True(white.G - black.G < 0.85f, "contrast should drop");
    }

    [Fact]
    public void Paper_colour_is_white_without_yellowing_and_cream_with_it()
    {
        Assert.Equal([1f, 1f, 1f], Fading.PaperColour(0));
        var cream = Fading.PaperColour(1);
        Assert.True(cream[0] > cream[1] && cream[1] > cream[2]);
    }

    [Fact]
    public void Film_grain_is_monochrome_strongest_in_mid_tones_and_of_the_requested_amplitude()
    {
        var image = new RgbImage(128, 64);
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 128; x++)
            {
                float level = x < 64 ? 0.5f : 0.02f;
                for (int c = 0; c < 3; c++)
                {
                    image[c, y, x] = level;
                }
            }
        }

        var grainy = FilmGrain.Apply(image, 0.04, 1.5, new Random(5));

        Assert.Equal(grainy.Plane(0).ToArray(), grainy.Plane(1).ToArray());
        double mid = Deviation(grainy, 0, 64, 0.5f);
        double dark = Deviation(grainy, 64, 128, 0.02f);
        Assert.InRange(mid, 0.03, 0.05);
        Assert.True(dark < mid / 2, $"grain in the shadows {dark:0.000} vs mid-tones {mid:0.000}");
    }

    [Fact]
    public void Paper_texture_is_faint_and_averages_out()
    {
        var image = TestImages.Constant(128, 128, 0.8f, 0.8f, 0.8f);

        var textured = PaperTexture.Apply(image, 0.03, vertical: false, new Random(6));

        var values = textured.Plane(0).ToArray();
        Assert.InRange(values.Average(), 0.79, 0.81);
        Assert.All(values, v => Assert.InRange(v, 0.8 * (1 - 0.09), 0.8 * (1 + 0.09)));
        Assert.True(values.Distinct().Count() > 100);
    }

    private static (float R, float G, float B) Pixel(RgbImage image, int x, int y) => (image[0, y, x], image[1, y, x], image[2, y, x]);

    private static double Deviation(RgbImage image, int x0, int x1, float mean)
    {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                double d = image[1, y, x] - mean;
                sum += d * d;
                count++;
            }
        }
        return Math.Sqrt(sum / count);
    }
}
