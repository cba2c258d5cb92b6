using System.Numerics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Inference.Imaging;

/// <summary>Moves pixels between ImageSharp images (interleaved) and <see cref="RgbImage"/> (planar floats).</summary>
internal static class PixelConversion
{
    /// <summary>
    /// Planar RGB from a decoded image of whatever pixel type its decoder chose, with alpha composited over white:
    /// the restoration reads white as bare paper, so transparent areas become paper instead of black ink.
    /// </summary>
    public static RgbImage ToRgb(Image image) => image switch
    {
        Image<Rgb24> i => ToRgb(i),
        Image<Rgba32> i => ToRgb(i),
        Image<L8> i => ToRgb(i),
        Image<La16> i => ToRgb(i),
        Image<L16> i => ToRgb(i),
        Image<La32> i => ToRgb(i),
        Image<Rgb48> i => ToRgb(i),
        Image<Rgba64> i => ToRgb(i),
        Image<Bgr24> i => ToRgb(i),
        Image<Bgra32> i => ToRgb(i),
        _ => ToRgbViaVector(image),
    };

    /// <summary>16 when the decoder kept more than 8 bits per sample, else 8.</summary>
    public static int BitsPerChannel(Image image) => image is Image<L16> or Image<La32> or Image<Rgb48> or Image<Rgba64> or Image<RgbaVector> ? 16 : 8;

    public static RgbImage ToRgb<TPixel>(Image<TPixel> image)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        int width = image.Width;
        int plane = width * image.Height;
        var result = new RgbImage(width, image.Height);
        var data = result.Data;
        var row = new Vector4[width];
        var configuration = image.GetConfiguration();
        image.ProcessPixelRows(accessor =>
        {
            for (int y = 0; y < accessor.Height; y++)
            {
                PixelOperations<TPixel>.Instance.ToVector4(configuration, accessor.GetRowSpan(y), row);
                int offset = y * width;
                for (int x = 0; x < width; x++)
                {
                    var p = row[x];
                    float paper = 1f - p.W;
                    data[offset + x] = (p.X * p.W) + paper;
                    data[plane + offset + x] = (p.Y * p.W) + paper;
                    data[(2 * plane) + offset + x] = (p.Z * p.W) + paper;
                }
            }
        });
        return result;
    }

    /// <summary>8-bit interleaved pixels, rounded to nearest; values outside [0, 1] are clipped.</summary>
    public static Image<Rgb24> ToRgb24(RgbImage source) =>
        Interleave(source, (r, g, b) => new Rgb24(ToByte(r), ToByte(g), ToByte(b)));

    /// <summary>16-bit interleaved pixels, rounded to nearest; values outside [0, 1] are clipped.</summary>
    public static Image<Rgb48> ToRgb48(RgbImage source) =>
        Interleave(source, (r, g, b) => new Rgb48(ToUInt16(r), ToUInt16(g), ToUInt16(b)));

    /// <summary>Full float precision and no clipping, for processing (resampling) rather than for files.</summary>
    public static Image<RgbaVector> ToRgbaVector(RgbImage source) =>
        Interleave(source, (r, g, b) => new RgbaVector(r, g, b));

    private static Image<TPixel> Interleave<TPixel>(RgbImage source, Func<float, float, float, TPixel> pixel)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var image = new Image<TPixel>(source.Width, source.Height);
        var data = source.Data;
        int plane = source.PlaneLength;
        image.ProcessPixelRows(accessor =>
        {
            for (int y = 0; y < accessor.Height; y++)
            {
                var row = accessor.GetRowSpan(y);
                int offset = y * source.Width;
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] = pixel(data[offset + x], data[plane + offset + x], data[(2 * plane) + offset + x]);
                }
            }
        });
        return image;
    }

    private static RgbImage ToRgbViaVector(Image image)
    {
        using var vectors = image.CloneAs<RgbaVector>();
        return ToRgb(vectors);
    }

    private static byte ToByte(float value) => (byte)MathF.Round(Math.Clamp(value, 0f, 1f) * 255f);

    private static ushort ToUInt16(float value) => (ushort)MathF.Round(Math.Clamp(value, 0f, 1f) * 65535f);
}
