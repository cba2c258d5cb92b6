using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation;
using RestoreWeb.Training.Degradation.Official;

namespace RestoreWeb.Training.Tests.Degradation;

public sealed class OfficialOperationTests
{
    [Fact]
    public void Blur_kernel_is_the_normalised_Gaussian()
    {
        var kernel = GaussianBlur.Kernel(5, 2.0);
        double[] raw = [Math.Exp(-4 / 8.0), Math.Exp(-1 / 8.0), 1, Math.Exp(-1 / 8.0), Math.Exp(-4 / 8.0)];

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(raw[i] / raw.Sum(), kernel[i], 6);
        }
    }

    [Fact]
    public void Blurring_an_impulse_spreads_it_by_the_outer_product_of_the_kernel()
    {
        var image = TestImages.Constant(15, 15, 0, 0, 0);
        image[1, 7, 7] = 1f;

        var blurred = GaussianBlur.Apply(image, 3, 1.0);

        var k = GaussianBlur.Kernel(3, 1.0);
        Assert.Equal(MathF.Round(k[1] * k[1] * 255) / 255, blurred[1, 7, 7]);
        Assert.Equal(MathF.Round(k[0] * k[1] * 255) / 255, blurred[1, 7, 8]);
        Assert.Equal(MathF.Round(k[0] * k[0] * 255) / 255, blurred[1, 6, 6]);
        Assert.Equal(0f, blurred[1, 7, 9]);
        Assert.All(blurred.Plane(0).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Blurring_keeps_a_constant_image_and_mirrors_at_the_border()
    {
        var constant = TestImages.Constant(9, 7, 0.4f, 0.4f, 0.4f);
        Assert.All(GaussianBlur.Apply(constant, 7, 5).Data, v => Assert.Equal(MathF.Round(0.4f * 255) / 255, v));

        // With reflect-101 the column left of the border is column 1, so a bright column 1 brightens column 0 twice.
        var lines = TestImages.Constant(9, 3, 0, 0, 0);
        for (int y = 0; y < 3; y++)
        {
            lines[0, y, 1] = 1f;
        }
        var k = GaussianBlur.Kernel(3, 1.0);
        Assert.Equal(MathF.Round(2 * k[0] * 255) / 255, GaussianBlur.Apply(lines, 3, 1.0)[0, 1, 0]);
    }

    [Fact]
    public void Gaussian_noise_has_the_requested_deviation_on_mid_grey()
    {
        var grey = TestImages.Constant(128, 128, 0.5f, 0.5f, 0.5f);

        var noisy = Noise.AddGaussian(grey, 20 / 255.0, new Random(1));

        var deviations = noisy.Data.Select(v => v - 0.5f).ToArray();
        double std = Math.Sqrt(deviations.Average(d => d * d));
        Assert.InRange(std * 255, 19.5, 20.5);
        Assert.InRange(deviations.Average() * 255, -0.2, 0.2);
    }

    [Fact]
    public void Speckle_noise_grows_with_brightness_and_spares_black()
    {
        var image = TestImages.Constant(128, 128, 0f, 0.25f, 0.5f);

        var noisy = Noise.AddSpeckle(image, 40 / 255.0, new Random(2));

        Assert.All(noisy.Plane(0).ToArray(), v => Assert.Equal(0f, v));
        double StdOf(int c, float mean) => Math.Sqrt(noisy.Plane(c).ToArray().Average(v => (v - mean) * (v - mean)));
        double quarter = StdOf(1, 0.25f);
        double half = StdOf(2, 0.5f);
        Assert.InRange(half / quarter, 1.9, 2.1);
        Assert.InRange(half * 255, 0.5 * 40 * 0.97, 0.5 * 40 * 1.03);
    }

    [Fact]
    public void Salt_and_pepper_replaces_the_requested_fraction_with_the_requested_salt_share()
    {
        var grey = TestImages.Constant(200, 200, 0.5f, 0.5f, 0.5f);

        var noisy = Noise.AddSaltAndPepper(grey, 0.01, 0.7, new Random(3));

        int salt = noisy.Data.Count(v => v == 1f);
        int pepper = noisy.Data.Count(v => v == 0f);
        Assert.InRange((salt + pepper) / (double)noisy.Data.Length, 0.009, 0.011);
        Assert.InRange(salt / (double)(salt + pepper), 0.66, 0.74);
        Assert.Equal(noisy.Data.Length - salt - pepper, noisy.Data.Count(v => v == 0.5f));
    }

    [Theory]
    [InlineData(UpscaleFilter.Nearest)]
    [InlineData(UpscaleFilter.Bilinear)]
    public void Rescaling_keeps_the_size_and_a_constant_image_and_loses_detail(UpscaleFilter filter)
    {
        var constant = TestImages.Constant(40, 30, 0.2f, 0.6f, 0.8f);
        var kept = Rescale.Apply(constant, 20, 17, filter);
        Assert.Equal((40, 30), (kept.Width, kept.Height));
        for (int i = 0; i < constant.Data.Length; i++)
        {
            Assert.Equal(MathF.Round(constant.Data[i] * 255) / 255, kept.Data[i], 6);
        }

        var stripes = TestImages.Constant(40, 30, 0, 0, 0);
        for (int x = 0; x < 40; x += 2)
        {
            for (int y = 0; y < 30; y++)
            {
                stripes[0, y, x] = 1f;
            }
        }
        var blurred = Rescale.Apply(stripes, 20, 15, filter);
        Assert.True(blurred.Plane(0).ToArray().Count(v => v is > 0.1f and < 0.9f) > 100, "halving one-pixel stripes must grey them");
    }

    [Fact]
    public void Jpeg_error_grows_as_quality_falls()
    {
        var scene = TestImages.Scene(64, 64);

        double best = MeanAbsoluteError(scene, JpegRoundTrip.Apply(scene, 100));
        double worst = MeanAbsoluteError(scene, JpegRoundTrip.Apply(scene, 40));

        Assert.True(best < 2.5 / 255, $"quality 100 error {best * 255:0.00} levels");
        Assert.True(worst > 1.5 * best, $"quality 40 error {worst * 255:0.00} vs quality 100 {best * 255:0.00} levels");
    }

    [Fact]
    public void Greyscale_uses_PIL_luma_on_8_bit_values()
    {
        Assert.Equal(76, Greyscale.Level(255, 0, 0));
        Assert.Equal(150, Greyscale.Level(0, 255, 0));
        Assert.Equal(29, Greyscale.Level(0, 0, 255));
        Assert.Equal(255, Greyscale.Level(255, 255, 255));

        var grey = Greyscale.Apply(TestImages.Constant(2, 2, 1f, 128 / 255f, 0f));
        Assert.All(grey.Data, v => Assert.Equal(Greyscale.Level(255, 128, 0) / 255f, v));
    }

    private static double MeanAbsoluteError(RgbImage a, RgbImage b) =>
        a.Data.Zip(b.Data, (x, y) => Math.Abs(x - y)).Average();
}
