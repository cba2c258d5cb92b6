using RestoreWeb.Inference.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Training.Degradation.Pixels;

/// <summary>Moves planar images in and out of ImageSharp for the steps where it is the right tool (JPEG, resampling, PNG).</summary>
internal static class ImageSharpBridge
{
    /// <summary>
    /// One thread per call: the synthesizer already runs one sample per producer thread, and nested parallelism would
    /// only contend with it.
    /// </summary>
    public static Configuration SingleThreaded { get; } = CreateSingleThreaded();

    public static Image<Rgb24> ToRgb24(RgbImage source)
    {
        var image = new Image<Rgb24>(SingleThreaded, source.Width, source.Height);
        var data = source.Data;
        int plane = source.PlaneLength;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                int offset = y * source.Width;
                for (int x = 0; x < row.Length; x++)
                {
                    int i = offset + x;
                    row[x] = new Rgb24(
                        Quantization.ToByte(data[i]),
                        Quantization.ToByte(data[plane + i]),
                        Quantization.ToByte(data[(2 * plane) + i]));
                }
            }
        });
        return image;
    }

    public static RgbImage FromRgb24(Image<Rgb24> image)
    {
        var result = new RgbImage(image.Width, image.Height);
        var data = result.Data;
        int plane = result.PlaneLength;
        int width = image.Width;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                int offset = y * width;
                for (int x = 0; x < row.Length; x++)
                {
                    int i = offset + x;
                    data[i] = row[x].R / 255f;
                    data[plane + i] = row[x].G / 255f;
                    data[(2 * plane) + i] = row[x].B / 255f;
                }
            }
        });
        return result;
    }

    /// <summary>Unclipped float pixels, for resampling.</summary>
    public static Image<RgbaVector> ToRgbaVector(RgbImage source)
    {
        var image = new Image<RgbaVector>(SingleThreaded, source.Width, source.Height);
        var data = source.Data;
        int plane = source.PlaneLength;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                int offset = y * source.Width;
                for (int x = 0; x < row.Length; x++)
                {
                    int i = offset + x;
                    row[x] = new RgbaVector(data[i], data[plane + i], data[(2 * plane) + i]);
                }
            }
        });
        return image;
    }

    public static RgbImage FromRgbaVector(Image<RgbaVector> image)
    {
        var result = new RgbImage(image.Width, image.Height);
        var data = result.Data;
        int plane = result.PlaneLength;
        int width = image.Width;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                int offset = y * width;
                for (int x = 0; x < row.Length; x++)
                {
                    int i = offset + x;
                    data[i] = row[x].R;
                    data[plane + i] = row[x].G;
                    data[(2 * plane) + i] = row[x].B;
                }
            }
        });
        return result;
    }

    private static Configuration CreateSingleThreaded()
    {
        var configuration = Configuration.Default.Clone();
        configuration.MaxDegreeOfParallelism = 1;
        return configuration;
    }
}
