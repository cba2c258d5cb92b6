using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Training.Tests.Stages;

/// <summary>
/// A folder of small synthetic "photos" (smooth gradients with blocks and stripes of colour) for training tests:
/// tests never read the shared data set, and these have enough structure for losses to fall in a few steps.
/// </summary>
public sealed class TinyPhotoFolder : IDisposable
{
    public TinyPhotoFolder()
    {
        Path = Directory.CreateTempSubdirectory("restoreweb-photos-").FullName;
        var random = new Random(99);
        for (int n = 0; n < 14; n++)
        {
            int width = 72 + random.Next(24), height = 72 + random.Next(24);
            using var image = new Image<Rgb24>(width, height);
            double fx = random.NextDouble() * 0.2, fy = random.NextDouble() * 0.2, hue = random.NextDouble();
            int blockX = random.Next(width / 2), blockY = random.Next(height / 2), blockSize = 10 + random.Next(20);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    double v = 0.5 + 0.35 * Math.Sin(fx * x + fy * y + hue * 6);
                    bool block = x >= blockX && x < blockX + blockSize && y >= blockY && y < blockY + blockSize;
                    image[x, y] = block
                        ? new Rgb24((byte)(255 * hue), 60, (byte)(255 * (1 - hue)))
                        : new Rgb24((byte)(255 * v), (byte)(255 * (0.3 + 0.5 * hue * v)), (byte)(255 * (1 - v) * 0.8));
                }
            }
            image.SaveAsPng(System.IO.Path.Combine(Path, $"photo-{n:D2}.png"));
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
