using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Pixels;

namespace RestoreWeb.Training.Degradation.Official;

/// <summary>OpenCV's GaussianBlur with an explicit kernel size and sigma: separable, mirrored border (reflect-101).</summary>
public static class GaussianBlur
{
    /// <summary>A blurred copy, rounded to 8-bit levels as OpenCV's uint8 output is.</summary>
    public static RgbImage Apply(RgbImage image, int kernelSize, double sigma)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (kernelSize < 1 || kernelSize % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "The kernel side must be odd and positive.");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);

        var kernel = Kernel(kernelSize, sigma);
        int width = image.Width;
        int height = image.Height;
        int radius = kernelSize / 2;
        var columns = BorderIndices(width, radius);
        var rows = BorderIndices(height, radius);
        var result = new RgbImage(width, height);
        var temporary = new float[image.PlaneLength];
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            var source = image.Plane(c);
            for (int y = 0; y < height; y++)
            {
                int row = y * width;
                for (int x = 0; x < width; x++)
                {
                    float sum = 0;
                    for (int k = 0; k < kernelSize; k++)
                    {
                        sum += kernel[k] * source[row + columns[x + k]];
                    }
                    temporary[row + x] = sum;
                }
            }

            var target = result.Plane(c);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    float sum = 0;
                    for (int k = 0; k < kernelSize; k++)
                    {
                        sum += kernel[k] * temporary[(rows[y + k] * width) + x];
                    }
                    target[(y * width) + x] = Quantization.ToGrid(sum);
                }
            }
        }
        return result;
    }

    /// <summary>The normalised 1-D weights exp(−d²/2σ²) for d = −r..r.</summary>
    public static float[] Kernel(int kernelSize, double sigma)
    {
        var weights = new double[kernelSize];
        double centre = (kernelSize - 1) / 2.0;
        double total = 0;
        for (int i = 0; i < kernelSize; i++)
        {
            double d = i - centre;
            weights[i] = Math.Exp(-(d * d) / (2 * sigma * sigma));
            total += weights[i];
        }
        return weights.Select(w => (float)(w / total)).ToArray();
    }

    /// <summary>Source index for each padded position −r..n−1+r, mirrored without repeating the edge (OpenCV's default).</summary>
    private static int[] BorderIndices(int length, int radius)
    {
        var indices = new int[length + (2 * radius)];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = Reflect101(i - radius, length);
        }
        return indices;
    }

    private static int Reflect101(int index, int length)
    {
        if (length == 1)
        {
            return 0;
        }
        while (index < 0 || index >= length)
        {
            index = index < 0 ? -index : (2 * length) - 2 - index;
        }
        return index;
    }
}
