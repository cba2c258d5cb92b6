using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Aging;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>
/// Missing parts of the print, painted pure white as the released code does: thick free-form brush strokes like the
/// irregular masks it loads, and now and then a torn-off corner with a ragged edge.
/// </summary>
internal static class Holes
{
    public static void Draw(RgbImage image, CoverageLayer layer, HoleOptions options, Random random, List<DegradationStep> steps)
    {
        if (!random.Chance(options.Probability))
        {
            return;
        }

        int width = image.Width;
        int height = image.Height;
        double shortSide = Math.Min(width, height);
        int strokes = random.Count(options.Strokes);
        for (int s = 0; s < strokes; s++)
        {
            Stroke(layer, random.Uniform(options.StrokeWidth) * shortSide, shortSide, random);
        }
        bool torn = random.Chance(options.TornCornerProbability);
        if (torn)
        {
            TornCorner(layer, random);
        }

        int covered = Paint(image, layer);
        steps.Add(new HolesStep(strokes, torn, covered / (double)image.PlaneLength));
    }

    /// <summary>A brush dragged through a few random vertices, with round ends and joints.</summary>
    private static void Stroke(CoverageLayer layer, double brushWidth, double shortSide, Random random)
    {
        double radius = Math.Max(brushWidth / 2, 0.5);
        double x = random.Uniform(0, layer.Width - 1);
        double y = random.Uniform(0, layer.Height - 1);
        double heading = random.Uniform(0, 2 * Math.PI);
        int vertices = random.Next(2, 7);
        for (int v = 0; v < vertices; v++)
        {
            heading += random.Uniform(-1.5, 1.5);
            double length = random.Uniform(0.05, 0.2) * shortSide;
            double endX = x + (Math.Cos(heading) * length);
            double endY = y + (Math.Sin(heading) * length);
            for (double t = 0; t <= length; t += 1)
            {
                HardDisc(layer, x + ((endX - x) * t / length), y + ((endY - y) * t / length), radius);
            }
            x = endX;
            y = endY;
        }
    }

    /// <summary>Pixels whose centre lies inside the disc become holes: a hole has no partial edge to blend.</summary>
    private static void HardDisc(CoverageLayer layer, double cx, double cy, double radius)
    {
        int x0 = Math.Max(0, (int)Math.Ceiling(cx - radius));
        int x1 = Math.Min(layer.Width - 1, (int)Math.Floor(cx + radius));
        int y0 = Math.Max(0, (int)Math.Ceiling(cy - radius));
        int y1 = Math.Min(layer.Height - 1, (int)Math.Floor(cy + radius));
        double r2 = radius * radius;
        for (int y = y0; y <= y1; y++)
        {
            double dy = y - cy;
            for (int x = x0; x <= x1; x++)
            {
                double dx = x - cx;
                if ((dx * dx) + (dy * dy) <= r2)
                {
                    layer.Fill(x, y);
                }
            }
        }
    }

    /// <summary>The region cut off a corner by a ragged line: x/a + y/b below 1 plus a jagged, wandering edge.</summary>
    private static void TornCorner(CoverageLayer layer, Random random)
    {
        int width = layer.Width;
        int height = layer.Height;
        double a = random.Uniform(0.12, 0.35) * width;
        double b = random.Uniform(0.12, 0.35) * height;
        bool right = random.Chance(0.5);
        bool bottom = random.Chance(0.5);
        const int Resolution = 512;
        var coarse = SmoothNoise.Profile(Resolution, Resolution / random.Uniform(3, 6), random);
        var fine = SmoothNoise.Profile(Resolution, Resolution / random.Uniform(30, 60), random);
        int xEnd = Math.Min(width - 1, (int)Math.Ceiling(a * 1.3));
        int yEnd = Math.Min(height - 1, (int)Math.Ceiling(b * 1.3));
        for (int dy = 0; dy <= yEnd; dy++)
        {
            for (int dx = 0; dx <= xEnd; dx++)
            {
                double u = dx / a;
                double v = dy / b;
                double sum = u + v;
                int along = sum <= 0 ? 0 : Math.Min(Resolution - 1, (int)(u / sum * (Resolution - 1)));
                double edge = 1 + (0.25 * (coarse[along] - 0.5)) + (0.08 * (fine[along] - 0.5));
                if (sum < edge)
                {
                    layer.Fill(right ? width - 1 - dx : dx, bottom ? height - 1 - dy : dy);
                }
            }
        }
    }

    /// <summary>White wherever the layer is set; returns how many pixels that was.</summary>
    private static int Paint(RgbImage image, CoverageLayer layer)
    {
        int count = 0;
        if (layer.IsEmpty)
        {
            return count;
        }
        var data = image.Data;
        int plane = image.PlaneLength;
        for (int y = layer.Top; y <= layer.Bottom; y++)
        {
            for (int x = layer.Left; x <= layer.Right; x++)
            {
                int i = (y * image.Width) + x;
                if (layer.Alpha[i] > 0)
                {
                    data[i] = 1f;
                    data[plane + i] = 1f;
                    data[(2 * plane) + i] = 1f;
                    count++;
                }
            }
        }
        layer.Clear();
        return count;
    }
}
