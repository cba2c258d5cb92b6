using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;
using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Inference.Tests.Imaging;

/// <summary>Images generated for the tests, and comparisons against them.</summary>
internal static class TestImages
{
    public static ImagingOptions DefaultOptions => new();

    /// <summary>A smooth colour ramp: every channel changes across the image, no two neighbours equal.</summary>
    public static Image<Rgb24> Gradient(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                image[x, y] = new Rgb24((byte)(x * 255 / (width - 1)), (byte)(y * 255 / (height - 1)), (byte)(((x + y) * 127 / (width + height - 2)) + 64));
            }
        }
        return image;
    }

    /// <summary>Four flat quadrants: few colours (exact in a palette) and no edges inside a JPEG block at multiples of 8.</summary>
    public static Image<Rgb24> Quadrants(int width, int height, Rgb24 topLeft, Rgb24 topRight, Rgb24 bottomLeft, Rgb24 bottomRight)
    {
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool right = x >= width / 2;
                image[x, y] = y < height / 2 ? (right ? topRight : topLeft) : (right ? bottomRight : bottomLeft);
            }
        }
        return image;
    }

    public static byte[] Encode(Image image, IImageEncoder encoder)
    {
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }

    public static byte[] ReadTestData(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "Imaging", name));

    /// <summary>Largest absolute difference between decoded values and 8-bit expected pixels, in units of 1/255.</summary>
    public static double MaxError255(RgbImage actual, Image<Rgb24> expected)
    {
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        double worst = 0;
        for (int y = 0; y < expected.Height; y++)
        {
            for (int x = 0; x < expected.Width; x++)
            {
                var p = expected[x, y];
                worst = Math.Max(worst, Math.Abs((actual[0, y, x] * 255) - p.R));
                worst = Math.Max(worst, Math.Abs((actual[1, y, x] * 255) - p.G));
                worst = Math.Max(worst, Math.Abs((actual[2, y, x] * 255) - p.B));
            }
        }
        return worst;
    }

    /// <summary>Mean absolute difference, in units of 1/255.</summary>
    public static double MeanError255(RgbImage actual, Image<Rgb24> expected)
    {
        double sum = 0;
        for (int y = 0; y < expected.Height; y++)
        {
            for (int x = 0; x < expected.Width; x++)
            {
                var p = expected[x, y];
                sum += Math.Abs((actual[0, y, x] * 255) - p.R) + Math.Abs((actual[1, y, x] * 255) - p.G) + Math.Abs((actual[2, y, x] * 255) - p.B);
            }
        }
        return sum / (3.0 * expected.Width * expected.Height);
    }

    public static (float R, float G, float B) Pixel(RgbImage image, int x, int y) => (image[0, y, x], image[1, y, x], image[2, y, x]);
}
