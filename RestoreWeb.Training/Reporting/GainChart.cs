using System.Globalization;
using RestoreWeb.Training.Evaluation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Training.Reporting;

/// <summary>
/// Plots every evaluated photo's output PSNR against its input PSNR, for the model and the classical baseline, with
/// the no-change diagonal and the diagonal <see cref="AimGain"/> dB above it: one glance shows at which damage levels a
/// method gains and by how much, which the means hide.
/// </summary>
public static class GainChart
{
    /// <summary>The gain the starter model aims at (dB over the input).</summary>
    public const double AimGain = 6;

    public const int PlotSize = 420;
    public const int Margin = 48;

    public static readonly Rgb24 ModelColour = new(200, 80, 20), BaselineColour = new(40, 90, 200);
    private static readonly Rgb24 Background = new(255, 255, 255), Axis = new(90, 90, 90), Diagonal = new(150, 150, 150), Aim = new(60, 150, 60), Text = new(30, 30, 30);

    /// <summary>The plotted range in dB: both axes share it, from the even number of dB at or below the lowest score to the one at or above the highest.</summary>
    public static (double Min, double Max) Range(IReadOnlyList<EvaluationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var values = samples.SelectMany(s => new[] { s.Input.Psnr, s.Baseline.Psnr, s.Model.Psnr }).Select(v => Math.Min(v, 100)).ToList();
        if (values.Count == 0)
        {
            return (0, 40);
        }
        double min = Math.Floor(values.Min() / 2) * 2, max = Math.Ceiling(values.Max() / 2) * 2;
        return (min, Math.Max(max, min + 2));
    }

    /// <summary>Pixel position of the score pair (input dB, output dB) inside the chart.</summary>
    public static (int X, int Y) Position(double input, double output, (double Min, double Max) range)
    {
        double span = range.Max - range.Min;
        int x = Margin + (int)Math.Round((Math.Min(input, 100) - range.Min) / span * (PlotSize - 1));
        int y = Margin + PlotSize - 1 - (int)Math.Round((Math.Min(output, 100) - range.Min) / span * (PlotSize - 1));
        return (x, y);
    }

    /// <summary>Filled markers: damage without scratches; hollow markers: with scratches and holes.</summary>
    public static void Write(string path, string title, IReadOnlyList<EvaluationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(samples);
        var range = Range(samples);
        using var image = new Image<Rgb24>(PlotSize + 2 * Margin, PlotSize + 2 * Margin + 24, Background);
        PixelFont.Draw(image, title, Margin, 8, Text, 2);

        for (int i = 0; i < PlotSize; i++)
        {
            Set(image, Margin + i, Margin + PlotSize, Axis);
            Set(image, Margin - 1, Margin + i, Axis);
        }
        for (double v = range.Min; v <= range.Max + 1e-9; v += 2)
        {
            var (x, y) = Position(v, v, range);
            string label = v.ToString("0", CultureInfo.InvariantCulture);
            PixelFont.Draw(image, label, x - PixelFont.Width(label) / 2, Margin + PlotSize + 4, Text);
            PixelFont.Draw(image, label, Margin - 4 - PixelFont.Width(label), y - 3, Text);
        }
        Line(image, range, 0, Diagonal);
        Line(image, range, AimGain, Aim);
        PixelFont.Draw(image, "INPUT PSNR (DB)", Margin + PlotSize - PixelFont.Width("INPUT PSNR (DB)"), Margin + PlotSize + 14, Text);
        PixelFont.Draw(image, "OUTPUT PSNR (DB)", 4, Margin - 14, Text);

        foreach (var sample in samples)
        {
            Marker(image, Position(sample.Input.Psnr, sample.Baseline.Psnr, range), BaselineColour, !sample.Scratches);
            Marker(image, Position(sample.Input.Psnr, sample.Model.Psnr, range), ModelColour, !sample.Scratches);
        }

        int legend = Margin + PlotSize + 26;
        Marker(image, (Margin + 3, legend + 3), ModelColour, filled: true);
        PixelFont.Draw(image, "MODEL", Margin + 10, legend, ModelColour);
        Marker(image, (Margin + 53, legend + 3), BaselineColour, filled: true);
        PixelFont.Draw(image, "BASELINE", Margin + 60, legend, BaselineColour);
        PixelFont.Draw(image, "HOLLOW: SCRATCHES", Margin + 120, legend, Text);
        string aim = string.Create(CultureInfo.InvariantCulture, $"INPUT +{AimGain:0} DB");
        PixelFont.Draw(image, aim, Margin + PlotSize - PixelFont.Width(aim), legend, Aim);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        image.SaveAsPng(path);
    }

    /// <summary>output = input + <paramref name="offset"/>, clipped to the plot.</summary>
    private static void Line(Image<Rgb24> image, (double Min, double Max) range, double offset, Rgb24 colour)
    {
        for (int i = 0; i < PlotSize; i++)
        {
            double input = range.Min + i * (range.Max - range.Min) / (PlotSize - 1);
            double output = input + offset;
            if (output <= range.Max)
            {
                var (x, y) = Position(input, output, range);
                Set(image, x, y, colour);
            }
        }
    }

    private static void Marker(Image<Rgb24> image, (int X, int Y) at, Rgb24 colour, bool filled)
    {
        for (int dy = -3; dy <= 3; dy++)
        {
            for (int dx = -3; dx <= 3; dx++)
            {
                if (filled || Math.Max(Math.Abs(dx), Math.Abs(dy)) == 3)
                {
                    Set(image, at.X + dx, at.Y + dy, colour);
                }
            }
        }
    }

    private static void Set(Image<Rgb24> image, int x, int y, Rgb24 colour)
    {
        if (x >= 0 && y >= 0 && x < image.Width && y < image.Height)
        {
            image[x, y] = colour;
        }
    }
}
