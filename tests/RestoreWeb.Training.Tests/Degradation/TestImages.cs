using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Training.Tests.Degradation;

/// <summary>Synthetic pictures for the degradation tests (tests never read photos from disk).</summary>
internal static class TestImages
{
    public static RgbImage Constant(int width, int height, float red, float green, float blue)
    {
        var image = new RgbImage(width, height);
        image.Plane(0).Fill(red);
        image.Plane(1).Fill(green);
        image.Plane(2).Fill(blue);
        return image;
    }

    /// <summary>Smooth colour ramps with a few hard edges, on the 8-bit grid: enough structure for every operation to act on.</summary>
    public static RgbImage Scene(int width, int height)
    {
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                float u = x / (float)(width - 1);
                float v = y / (float)(height - 1);
                bool block = ((x / 16) + (y / 16)) % 2 == 0;
                image[0, y, x] = Level((0.2f + (0.6f * u)) * (block ? 1f : 0.7f));
                image[1, y, x] = Level(0.3f + (0.5f * v));
                image[2, y, x] = Level(0.5f + (0.4f * MathF.Sin(6 * u) * v));
            }
        }
        return image;
    }

    public static int CountDifferent(RgbImage a, RgbImage b, int x, int y) =>
        Enumerable.Range(0, RgbImage.Channels).Count(c => a[c, y, x] != b[c, y, x]);

    private static float Level(float value) => MathF.Round(Math.Clamp(value, 0f, 1f) * 255f) / 255f;
}
