using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation.Aging;

/// <summary>The surface of photographic paper: faint fibres along one direction, a fine tooth and soft mottling.</summary>
public static class PaperTexture
{
    public static RgbImage Apply(RgbImage image, double amplitude, bool vertical, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        int width = image.Width;
        int height = image.Height;
        double unit = Math.Max(1.0, Math.Min(width, height) / 256.0);
        double along = random.Uniform(6, 14) * unit;
        double across = random.Uniform(1.2, 2.2) * unit;
        var fibres = vertical
            ? SmoothNoise.Field(width, height, across, along, random)
            : SmoothNoise.Field(width, height, along, across, random);
        var tooth = SmoothNoise.Field(width, height, 1.3 * unit, 1.3 * unit, random);
        var mottle = SmoothNoise.Field(width, height, 24 * unit, 24 * unit, random);

        var result = image.Clone();
        int plane = image.PlaneLength;
        var data = result.Data;
        float scale = 2f * (float)amplitude;
        for (int i = 0; i < plane; i++)
        {
            float texture = (fibres[i] - 0.5f) + (0.5f * (tooth[i] - 0.5f)) + (0.5f * (mottle[i] - 0.5f));
            float factor = 1f + (scale * texture);
            data[i] *= factor;
            data[plane + i] *= factor;
            data[(2 * plane) + i] *= factor;
        }
        return result;
    }
}
