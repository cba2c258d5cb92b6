using RestoreWeb.Inference.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Server.Jobs;

/// <summary>
/// Scratch masks as PNG files for the mask editor: white marks a scratch, black is intact. When reading a drawn
/// mask, any opaque bright pixel counts as marked, so a mask painted in colour on a transparent layer works too.
/// </summary>
public static class MaskPng
{
    public static byte[] Encode(GrayImage mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        using var image = new Image<L8>(mask.Width, mask.Height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] = new L8(mask.Data[(y * mask.Width) + x] >= 0.5f ? byte.MaxValue : byte.MinValue);
                }
            }
        });
        using var output = new MemoryStream();
        image.Save(output, new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8 });
        return output.ToArray();
    }

    public static GrayImage Decode(ReadOnlySpan<byte> png)
    {
        using var image = Image.Load<Rgba32>(png, new PngDecoder());
        var mask = new GrayImage(image.Width, image.Height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    var p = row[x];
                    bool marked = p.A >= 128 && Math.Max(p.R, Math.Max(p.G, p.B)) >= 128;
                    mask.Data[(y * mask.Width) + x] = marked ? 1f : 0f;
                }
            }
        });
        return mask;
    }
}
