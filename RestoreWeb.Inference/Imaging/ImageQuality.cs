
namespace RestoreWeb.Inference.Imaging;

/// <summary>PSNR and SSIM of images in [0,1], the measures of the paper's tables.</summary>
public static class ImageQuality
{
    /// <summary>Peak signal-to-noise ratio in dB over all channels (peak 1.0); identical images give +∞.</summary>
    public static double Psnr(RgbImage a, RgbImage b) => Psnr(MeanSquaredError(a, b));

    /// <summary>The PSNR of a mean squared error of values in [0,1] (a pooled error over several images, say).</summary>
    public static double Psnr(double meanSquaredError) =>
        meanSquaredError == 0 ? double.PositiveInfinity : 10 * Math.Log10(1.0 / meanSquaredError);

    /// <summary>Mean squared difference over all channels.</summary>
    public static double MeanSquaredError(RgbImage a, RgbImage b)
    {
        RequireSameSize(a, b);
        double sum = 0;
        for (int i = 0; i < a.Data.Length; i++)
        {
            double d = a.Data[i] - b.Data[i];
            sum += d * d;
        }
        return sum / a.Data.Length;
    }

    /// <summary>
    /// Structural similarity (Wang et al. 2004): 11×11 Gaussian window with σ 1.5, K1 0.01, K2 0.03, computed per
    /// channel over the valid (unpadded) window positions and averaged.
    /// </summary>
    public static double Ssim(RgbImage a, RgbImage b)
    {
        RequireSameSize(a, b);
        double total = 0;
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            total += Ssim(a.Plane(c).ToArray(), b.Plane(c).ToArray(), a.Width, a.Height);
        }
        return total / RgbImage.Channels;
    }

    private static double Ssim(float[] x, float[] y, int width, int height)
    {
        const int radius = 5;
        const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        var kernel = Gaussian(radius, 1.5);
        var mx = Blur(x, width, height, kernel);
        var my = Blur(y, width, height, kernel);
        var xx = Blur(Multiply(x, x), width, height, kernel);
        var yy = Blur(Multiply(y, y), width, height, kernel);
        var xy = Blur(Multiply(x, y), width, height, kernel);
        double sum = 0;
        int count = 0;
        for (int row = radius; row < height - radius; row++)
        {
            for (int column = radius; column < width - radius; column++)
            {
                int i = row * width + column;
                double vx = xx[i] - mx[i] * mx[i], vy = yy[i] - my[i] * my[i], cov = xy[i] - mx[i] * my[i];
                sum += (2 * mx[i] * my[i] + c1) * (2 * cov + c2) / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
                count++;
            }
        }
        return count == 0 ? double.NaN : sum / count;
    }

    private static double[] Gaussian(int radius, double sigma)
    {
        var weights = Enumerable.Range(-radius, 2 * radius + 1).Select(k => Math.Exp(-k * k / (2 * sigma * sigma))).ToArray();
        double sum = weights.Sum();
        return weights.Select(w => w / sum).ToArray();
    }

    private static float[] Multiply(float[] a, float[] b)
    {
        var result = new float[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            result[i] = a[i] * b[i];
        }
        return result;
    }

    /// <summary>Separable blur; positions closer than the radius to an edge are left unused by the caller.</summary>
    private static double[] Blur(float[] source, int width, int height, double[] kernel)
    {
        int radius = kernel.Length / 2;
        var horizontal = new double[source.Length];
        for (int row = 0; row < height; row++)
        {
            for (int column = radius; column < width - radius; column++)
            {
                double sum = 0;
                for (int k = -radius; k <= radius; k++)
                {
                    sum += kernel[k + radius] * source[row * width + column + k];
                }
                horizontal[row * width + column] = sum;
            }
        }
        var result = new double[source.Length];
        for (int row = radius; row < height - radius; row++)
        {
            for (int column = radius; column < width - radius; column++)
            {
                double sum = 0;
                for (int k = -radius; k <= radius; k++)
                {
                    sum += kernel[k + radius] * horizontal[(row + k) * width + column];
                }
                result[row * width + column] = sum;
            }
        }
        return result;
    }

    private static void RequireSameSize(RgbImage a, RgbImage b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException($"Images differ in size: {a.Width}×{a.Height} vs {b.Width}×{b.Height}.");
        }
    }
}
