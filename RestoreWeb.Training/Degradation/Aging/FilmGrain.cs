using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation.Aging;

/// <summary>
/// Silver grain of the negative, printed through: one monochrome pattern in clumps of a pixel or two, strongest in
/// the mid-tones where the emulsion is half developed.
/// </summary>
public static class FilmGrain
{
    public static RgbImage Apply(RgbImage image, double amplitude, double grainSize, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        int width = image.Width;
        int height = image.Height;
        var grain = Pattern(width, height, Math.Max(grainSize, 0.5), random);

        var result = image.Clone();
        int plane = image.PlaneLength;
        var data = result.Data;
        float a = (float)amplitude;
        for (int i = 0; i < plane; i++)
        {
            float luma = (0.299f * data[i]) + (0.587f * data[plane + i]) + (0.114f * data[(2 * plane) + i]);
            float midtone = 0.25f + (3f * luma * (1f - luma));
            float delta = a * midtone * grain[i];
            data[i] += delta;
            data[plane + i] += delta;
            data[(2 * plane) + i] += delta;
        }
        return result;
    }

    /// <summary>Gaussian values on a lattice of the grain size, bilinearly interpolated, rescaled to unit deviation.</summary>
    private static float[] Pattern(int width, int height, double size, Random random)
    {
        int latticeWidth = (int)Math.Ceiling(width / size) + 2;
        int latticeHeight = (int)Math.Ceiling(height / size) + 2;
        var normal = new NormalSampler(random);
        var lattice = new float[latticeWidth * latticeHeight];
        for (int i = 0; i < lattice.Length; i++)
        {
            lattice[i] = normal.Next();
        }

        var pattern = new float[width * height];
        double sum = 0;
        double squares = 0;
        for (int y = 0; y < height; y++)
        {
            double py = y / size;
            int top = (int)py;
            float v = (float)(py - top);
            for (int x = 0; x < width; x++)
            {
                double px = x / size;
                int left = (int)px;
                float u = (float)(px - left);
                int i00 = (top * latticeWidth) + left;
                int i10 = i00 + latticeWidth;
                float upper = lattice[i00] + (u * (lattice[i00 + 1] - lattice[i00]));
                float lower = lattice[i10] + (u * (lattice[i10 + 1] - lattice[i10]));
                float value = upper + (v * (lower - upper));
                pattern[(y * width) + x] = value;
                sum += value;
                squares += value * value;
            }
        }

        // Interpolation averages neighbours and so shrinks the deviation by an amount that depends on the size.
        double mean = sum / pattern.Length;
        double deviation = Math.Sqrt(Math.Max((squares / pattern.Length) - (mean * mean), 1e-12));
        float gain = (float)(1 / deviation);
        for (int i = 0; i < pattern.Length; i++)
        {
            pattern[i] *= gain;
        }
        return pattern;
    }
}
