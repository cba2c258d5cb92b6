using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.LoadBench;

/// <summary>Distinct photos (content differs, so none is a duplicate of another).</summary>
public static class TestPhotos
{
    /// <summary>A JPEG of a seeded gradient with noise, about the size of a phone snapshot scaled down.</summary>
    public static byte[] Jpeg(int width, int height, int seed)
    {
        using var image = new Image<Rgb24>(width, height);
        var random = new Random(seed);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    int noise = random.Next(40);
                    row[x] = new Rgb24((byte)((x * 200 / width) + noise), (byte)((y * 200 / height) + noise), (byte)((seed * 37 % 200) + noise));
                }
            }
        });
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = 85 });
        return output.ToArray();
    }

    /// <summary>
    /// An uncompressed 24-bit BMP of <paramref name="width"/> × <paramref name="height"/>: big on disk at no encoding
    /// cost. Pixel rows are random, so every seed gives a distinct file.
    /// </summary>
    public static byte[] Bmp(int width, int height, int seed)
    {
        int rowBytes = ((width * 3) + 3) / 4 * 4;
        int pixelBytes = rowBytes * height;
        var file = new byte[54 + pixelBytes];
        void Int(int offset, int value) => BitConverter.TryWriteBytes(file.AsSpan(offset, 4), value);
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        Int(2, file.Length);
        Int(10, 54);
        Int(14, 40);
        Int(18, width);
        Int(22, height);
        BitConverter.TryWriteBytes(file.AsSpan(26, 2), (short)1);
        BitConverter.TryWriteBytes(file.AsSpan(28, 2), (short)24);
        Int(34, pixelBytes);
        new Random(seed).NextBytes(file.AsSpan(54));
        return file;
    }
}
