using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Pixels;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace RestoreWeb.Training.Degradation.Official;

/// <summary>The v2 low-resolution operation: bicubic reduction, then back to the original size.</summary>
public static class Rescale
{
    public static RgbImage Apply(RgbImage image, int reducedWidth, int reducedHeight, UpscaleFilter filter)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reducedWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reducedHeight);

        using var pixels = ImageSharpBridge.ToRgbaVector(image);
        Resize(pixels, reducedWidth, reducedHeight, KnownResamplers.Bicubic);

        // The released code holds the reduced image as 8-bit before enlarging it again.
        QuantizeInPlace(pixels);
        Resize(pixels, image.Width, image.Height, filter == UpscaleFilter.Nearest ? KnownResamplers.NearestNeighbor : KnownResamplers.Triangle);
        var result = ImageSharpBridge.FromRgbaVector(pixels);
        Quantization.InPlace(result);
        return result;
    }

    private static void Resize(Image<RgbaVector> pixels, int width, int height, IResampler sampler)
    {
        if (pixels.Width == width && pixels.Height == height)
        {
            return;
        }
        pixels.Mutate(context => context.Resize(new ResizeOptions
        {
            Size = new Size(width, height),
            Mode = ResizeMode.Stretch,
            Sampler = sampler,
            Compand = false,
        }));
    }

    private static void QuantizeInPlace(Image<RgbaVector> pixels) =>
        pixels.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] = new RgbaVector(
                        Quantization.ToGrid(row[x].R), Quantization.ToGrid(row[x].G), Quantization.ToGrid(row[x].B));
                }
            }
        });
}
