using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Training.Reporting;

/// <summary>Draws loss curves (one panel per series, moving average over the raw values) as a PNG.</summary>
public static class LossChart
{
    private const int PanelWidth = 420, PanelHeight = 180, Margin = 40;
    private static readonly Rgb24 Background = new(255, 255, 255), Axis = new(90, 90, 90), Raw = new(200, 200, 220), Smooth = new(110, 60, 40), Text = new(30, 30, 30);

    public static void Write(string path, string title, IReadOnlyList<int> steps, IReadOnlyDictionary<string, List<double>> series)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(series);
        int columns = Math.Min(3, Math.Max(1, series.Count));
        int rows = (series.Count + columns - 1) / columns;
        using var image = new Image<Rgb24>(columns * (PanelWidth + Margin) + Margin, rows * (PanelHeight + Margin + 12) + Margin + 20, Background);
        PixelFont.Draw(image, title, Margin, 8, Text, 2);
        int index = 0;
        foreach (var (name, values) in series)
        {
            int left = Margin + (index % columns) * (PanelWidth + Margin);
            int top = Margin + 20 + (index / columns) * (PanelHeight + Margin + 12);
            Panel(image, left, top, name, steps, values);
            index++;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        image.SaveAsPng(path);
    }

    private static void Panel(Image<Rgb24> image, int left, int top, string name, IReadOnlyList<int> steps, List<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return;
        }
        double min = finite.Min(), max = finite.Max();
        if (max - min < 1e-12)
        {
            max = min + 1;
        }
        int firstStep = steps[0], lastStep = Math.Max(steps[^1], firstStep + 1);
        int X(int step) => left + (int)((double)(step - firstStep) / (lastStep - firstStep) * (PanelWidth - 1));
        int Y(double v) => top + PanelHeight - 1 - (int)((v - min) / (max - min) * (PanelHeight - 1));

        for (int x = left; x < left + PanelWidth; x++)
        {
            image[x, top + PanelHeight] = Axis;
        }
        for (int y = top; y <= top + PanelHeight; y++)
        {
            image[left - 1, y] = Axis;
        }
        Line(image, steps, values, X, Y, Raw);
        int window = Math.Max(1, values.Count / 50);
        var smooth = values.Select((_, i) => values.Skip(Math.Max(0, i - window + 1)).Take(Math.Min(window, i + 1)).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average()).ToList();
        Line(image, steps, smooth, X, Y, Smooth);

        PixelFont.Draw(image, name, left, top - 10, Text);
        PixelFont.Draw(image, Format(max), left + 3, top + 2, Text);
        PixelFont.Draw(image, Format(min), left + 3, top + PanelHeight - 9, Text);
        string range = $"STEP {firstStep}-{steps[^1]}";
        PixelFont.Draw(image, range, left + PanelWidth - PixelFont.Width(range), top + PanelHeight + 4, Text);
        string last = "LAST " + Format(smooth[^1]);
        PixelFont.Draw(image, last, left + PanelWidth - PixelFont.Width(last), top + 2, Smooth);
    }

    private static void Line(Image<Rgb24> image, IReadOnlyList<int> steps, List<double> values, Func<int, int> x, Func<double, int> y, Rgb24 colour)
    {
        for (int i = 1; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i - 1]) || !double.IsFinite(values[i]))
            {
                continue;
            }
            int x0 = x(steps[i - 1]), y0 = y(values[i - 1]), x1 = x(steps[i]), y1 = y(values[i]);
            int n = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0)) + 1;
            for (int k = 0; k <= n; k++)
            {
                int px = x0 + (x1 - x0) * k / n, py = y0 + (y1 - y0) * k / n;
                if (px >= 0 && py >= 0 && px < image.Width && py < image.Height)
                {
                    image[px, py] = colour;
                }
            }
        }
    }

    private static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 1 ? "0.00" : "0.0000", CultureInfo.InvariantCulture);
}
