using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Server.Tests.Support;

/// <summary>Real images made with ImageSharp: a gradient with a seeded pattern, so every call gives distinct content.</summary>
public static class TestImages
{
    public static Image<Rgb24> Pattern(int width, int height, int seed)
    {
        var image = new Image<Rgb24>(width, height);
        var random = new Random(seed);
        byte tint = (byte)random.Next(256);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)(tint ^ ((x / 8 + y / 8) % 2 * 64)));
                }
            }
        });
        return image;
    }

    /// <param name="orientation">EXIF orientation to write; 6 means "turn 90° clockwise to view".</param>
    /// <param name="artist">An EXIF tag that a restored JPEG must carry over.</param>
    public static byte[] Jpeg(int width, int height, int seed, ushort? orientation = null, string? artist = null)
    {
        using var image = Pattern(width, height, seed);
        if (orientation is not null || artist is not null)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            if (orientation is { } value)
            {
                image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, value);
            }
            if (artist is not null)
            {
                image.Metadata.ExifProfile.SetValue(ExifTag.Artist, artist);
            }
        }
        return Encode(image, new JpegEncoder { Quality = 90 });
    }

    public static byte[] Png(int width, int height, int seed) => Encode(Pattern(width, height, seed), new PngEncoder());

    public static byte[] Tiff(int width, int height, int seed) => Encode(Pattern(width, height, seed), new TiffEncoder());

    public static byte[] Webp(int width, int height, int seed) => Encode(Pattern(width, height, seed), new WebpEncoder { FileFormat = WebpFileFormatType.Lossless });

    public static byte[] Bmp(int width, int height, int seed) => Encode(Pattern(width, height, seed), new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 });

    public static byte[] Gif(int width, int height, int seed) => Encode(Pattern(width, height, seed), new GifEncoder());

    public static (int Width, int Height) SizeOf(byte[] file) => Image.Identify(file) is { } info
        ? (info.Width, info.Height)
        : throw new InvalidOperationException("Not an image.");

    private static byte[] Encode(Image image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using (image)
        {
            using var output = new MemoryStream();
            image.Save(output, encoder);
            return output.ToArray();
        }
    }
}
