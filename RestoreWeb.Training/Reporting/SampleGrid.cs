using RestoreWeb.Inference.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Training.Reporting;

/// <summary>Rows of images side by side (e.g. input | restored | target) with a 4-pixel gutter, as a PNG.</summary>
public static class SampleGrid
{
    private const int Gutter = 4;

    public static void Write(string path, IReadOnlyList<IReadOnlyList<RgbImage>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int cellWidth = rows.SelectMany(r => r).Max(i => i.Width);
        int cellHeight = rows.SelectMany(r => r).Max(i => i.Height);
        int columns = rows.Max(r => r.Count);
        using var image = new Image<Rgb24>(columns * (cellWidth + Gutter) + Gutter, rows.Count * (cellHeight + Gutter) + Gutter, new Rgb24(255, 255, 255));
        for (int row = 0; row < rows.Count; row++)
        {
            for (int column = 0; column < rows[row].Count; column++)
            {
                var cell = rows[row][column];
                int left = Gutter + column * (cellWidth + Gutter), top = Gutter + row * (cellHeight + Gutter);
                for (int y = 0; y < cell.Height; y++)
                {
                    for (int x = 0; x < cell.Width; x++)
                    {
                        image[left + x, top + y] = new Rgb24(Byte(cell[0, y, x]), Byte(cell[1, y, x]), Byte(cell[2, y, x]));
                    }
                }
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        image.SaveAsPng(path);
    }

    private static byte Byte(float value) => (byte)Math.Clamp(MathF.Round(value * 255f), 0f, 255f);
}
