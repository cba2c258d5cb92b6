using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Pixels;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation.Official;

/// <summary>The three noises of the v2 degradation, drawn independently for every channel value as the released code does.</summary>
public static class Noise
{
    /// <summary>v + N(0, σ²), clipped and rounded to 8-bit levels.</summary>
    public static RgbImage AddGaussian(RgbImage image, double sigma, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        var normal = new NormalSampler(random);
        float s = (float)sigma;
        var result = image.Clone();
        var data = result.Data;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = Quantization.ToGrid(data[i] + (s * normal.Next()));
        }
        return result;
    }

    /// <summary>v + v·N(0, σ²): noise proportional to brightness, none on black.</summary>
    public static RgbImage AddSpeckle(RgbImage image, double sigma, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        var normal = new NormalSampler(random);
        float s = (float)sigma;
        var result = image.Clone();
        var data = result.Data;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = Quantization.ToGrid(data[i] + (data[i] * s * normal.Next()));
        }
        return result;
    }

    /// <summary>Each channel value is replaced with probability <paramref name="amount"/>: by 1 with probability
    /// <paramref name="saltFraction"/>, otherwise by 0.</summary>
    public static RgbImage AddSaltAndPepper(RgbImage image, double amount, double saltFraction, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        var result = image.Clone();
        var data = result.Data;
        for (int i = 0; i < data.Length; i++)
        {
            // The salt-or-pepper draw is only made for replaced values; the distribution is the same as drawing both.
            if (random.NextDouble() < amount)
            {
                data[i] = random.NextDouble() < saltFraction ? 1f : 0f;
            }
        }
        return result;
    }
}
