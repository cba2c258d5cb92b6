using RestoreWeb.Training.Degradation.Aging;

namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>A point on a drawn path with the width and opacity the stroke has there.</summary>
internal readonly record struct PathPoint(double X, double Y, double Radius, double Opacity);

/// <summary>Curved paths for scratches and fibres: a heading that turns steadily and wanders smoothly.</summary>
internal static class PathWalk
{
    /// <summary>Path sample spacing in pixels: half a pixel leaves no gaps between stamped discs.</summary>
    public const double Step = 0.5;

    /// <param name="bend">Steady turn in radians per pixel (a large arc).</param>
    /// <param name="wander">Largest extra turn in radians per pixel, varying smoothly along the path.</param>
    /// <param name="wanderCell">Length in pixels over which the extra turn changes.</param>
    public static (double X, double Y)[] Curve(
        double x, double y, double heading, double length, double bend, double wander, double wanderCell, Random random)
    {
        int count = Math.Max(2, (int)Math.Ceiling(length / Step) + 1);
        var turn = SmoothNoise.Profile(count, wanderCell / Step, random);
        var points = new (double X, double Y)[count];
        for (int i = 0; i < count; i++)
        {
            points[i] = (x, y);
            heading += (bend + (wander * ((2 * turn[i]) - 1))) * Step;
            x += Math.Cos(heading) * Step;
            y += Math.Sin(heading) * Step;
        }
        return points;
    }

    /// <summary>Stamps the path into <paramref name="layer"/>.</summary>
    public static void Draw(CoverageLayer layer, IEnumerable<PathPoint> points)
    {
        foreach (var point in points)
        {
            layer.Disc(point.X, point.Y, point.Radius, point.Opacity);
        }
    }

    /// <summary>0 at both ends rising smoothly to 1 over <paramref name="fraction"/> of the length.</summary>
    public static double Taper(int index, int count, double fraction)
    {
        double t = count <= 1 ? 0.5 : (double)index / (count - 1);
        double edge = Math.Min(t, 1 - t) / Math.Max(fraction, 1e-6);
        edge = Math.Clamp(edge, 0, 1);
        return edge * edge * (3 - (2 * edge));
    }

    /// <summary>Path length that lies inside a width × height image.</summary>
    public static double InsideLength(IReadOnlyList<(double X, double Y)> points, int width, int height)
    {
        int inside = points.Count(p => p.X >= -0.5 && p.Y >= -0.5 && p.X < width - 0.5 && p.Y < height - 0.5);
        return inside * Step;
    }
}
