using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace RestoreWeb.Inference.Imaging;

/// <summary>Resizing as the official test path does it: bilinear for photos, nearest neighbour for masks.</summary>
public static class Resampling
{
    /// <summary>
    /// Bilinear resize (ImageSharp's triangle filter). Like PIL's BILINEAR, which the official code used, the
    /// filter widens when shrinking, so a downscale averages every source pixel instead of skipping some.
    /// Values stay in float precision throughout.
    /// </summary>
    public static RgbImage ResizeBilinear(RgbImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (width == source.Width && height == source.Height)
        {
            return source.Clone();
        }

        using Image<RgbaVector> image = PixelConversion.ToRgbaVector(source);
        image.Mutate(context => context.Resize(new ResizeOptions
        {
            Size = new Size(width, height),
            Mode = ResizeMode.Stretch,
            Sampler = KnownResamplers.Triangle,
            Compand = false,
        }));
        return PixelConversion.ToRgb(image);
    }

    /// <summary>
    /// Nearest-neighbour resize of a mask, so that it stays binary. Source index = floor(target index × in/out),
    /// PyTorch's "nearest" rule, which the official code applies to the detector's output and to the mask in
    /// the partial non-local block; following it keeps our masks identical to theirs.
    /// </summary>
    public static GrayImage ResizeNearest(GrayImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        var columns = NearestIndices(source.Width, width);
        var rows = NearestIndices(source.Height, height);
        var result = new float[width * height];
        var data = source.Data;
        for (int y = 0; y < height; y++)
        {
            int sourceRow = rows[y] * source.Width;
            int targetRow = y * width;
            for (int x = 0; x < width; x++)
            {
                result[targetRow + x] = data[sourceRow + columns[x]];
            }
        }
        return new GrayImage(width, height, result);
    }

    private static int[] NearestIndices(int inputSize, int outputSize)
    {
        // PyTorch computes the scale in single precision; doing the same keeps borderline indices identical.
        float scale = (float)inputSize / outputSize;
        var indices = new int[outputSize];
        for (int i = 0; i < outputSize; i++)
        {
            indices[i] = Math.Min((int)MathF.Floor(i * scale), inputSize - 1);
        }
        return indices;
    }
}
