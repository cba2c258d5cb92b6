using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Pixels;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;

namespace RestoreWeb.Training.Degradation;

/// <summary>
/// A contact sheet for eyeballing the synthesizer: one row per sample, showing target | degraded | scratch mask
/// (white = marked).
/// </summary>
public static class DegradationSampleSheet
{
    /// <summary>Gap between tiles, in pixels.</summary>
    public const int Gap = 4;

    private const float Background = 0.15f;

    /// <summary>One row per seed, all from the same clean image.</summary>
    public static RgbImage Render(DegradationSynthesizer synthesizer, RgbImage clean, IReadOnlyList<int> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        return Render(synthesizer, seeds.Select(seed => (clean, seed)).ToList());
    }

    /// <summary>One row per (clean image, seed); tiles are as large as the largest image, smaller ones sit top-left.</summary>
    public static RgbImage Render(DegradationSynthesizer synthesizer, IReadOnlyList<(RgbImage Clean, int Seed)> rows)
    {
        ArgumentNullException.ThrowIfNull(synthesizer);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("A sample sheet needs at least one row.", nameof(rows));
        }

        int tileWidth = rows.Max(r => r.Clean.Width);
        int tileHeight = rows.Max(r => r.Clean.Height);
        var sheet = new RgbImage((3 * tileWidth) + (4 * Gap), (rows.Count * tileHeight) + ((rows.Count + 1) * Gap));
        Array.Fill(sheet.Data, Background);
        for (int r = 0; r < rows.Count; r++)
        {
            var sample = synthesizer.Degrade(rows[r].Clean, rows[r].Seed);
            int top = Gap + (r * (tileHeight + Gap));
            Paste(sheet, sample.Target, Gap, top);
            Paste(sheet, sample.Degraded, (2 * Gap) + tileWidth, top);
            Paste(sheet, MaskAsRgb(sample.ScratchMask), (3 * Gap) + (2 * tileWidth), top);
        }
        return sheet;
    }

    /// <summary>Renders the sheet and writes it as an 8-bit PNG.</summary>
    public static void WritePng(string path, DegradationSynthesizer synthesizer, IReadOnlyList<(RgbImage Clean, int Seed)> rows)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var sheet = Render(synthesizer, rows);
        using var pixels = ImageSharpBridge.ToRgb24(sheet);
        pixels.Save(path, new PngEncoder { CompressionLevel = PngCompressionLevel.BestCompression });
    }

    /// <inheritdoc cref="WritePng(string, DegradationSynthesizer, IReadOnlyList{ValueTuple{RgbImage, int}})"/>
    public static void WritePng(string path, DegradationSynthesizer synthesizer, RgbImage clean, IReadOnlyList<int> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        WritePng(path, synthesizer, seeds.Select(seed => (clean, seed)).ToList());
    }

    private static RgbImage MaskAsRgb(GrayImage mask)
    {
        var image = new RgbImage(mask.Width, mask.Height);
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            mask.Data.CopyTo(image.Plane(c));
        }
        return image;
    }

    private static void Paste(RgbImage sheet, RgbImage tile, int left, int top)
    {
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            var source = tile.Plane(c);
            var target = sheet.Plane(c);
            for (int y = 0; y < tile.Height; y++)
            {
                source.Slice(y * tile.Width, tile.Width).CopyTo(target.Slice(((top + y) * sheet.Width) + left, tile.Width));
            }
        }
    }
}
