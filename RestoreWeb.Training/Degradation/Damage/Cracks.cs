using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>
/// Crazed emulsion: a jagged hairline that changes direction every few pixels and splits into branches, as brittle
/// gelatine cracks when the print is bent.
/// </summary>
internal static class Cracks
{
    private const int MostBranches = 8;

    public static void Draw(
        RgbImage image, CoverageLayer layer, StructuredDamageOptions options, DamageContext context, Random random, List<DegradationStep> steps)
    {
        if (!random.Chance(options.CrackProbability))
        {
            return;
        }

        double shortSide = Math.Min(image.Width, image.Height);
        double radius = random.Uniform(0.35, 0.7) * context.Unit;
        double opacity = random.Uniform(0.6, 1.0);
        var pending = new Queue<Branch>();
        pending.Enqueue(new Branch(
            random.Uniform(0, image.Width - 1),
            random.Uniform(0, image.Height - 1),
            random.Uniform(0, 2 * Math.PI),
            random.Uniform(0.1, 0.35) * shortSide));
        int drawn = 0;
        while (pending.TryDequeue(out var branch) && drawn < MostBranches)
        {
            drawn++;
            Walk(layer, branch, radius, opacity, context.Unit, random, drawn + pending.Count < MostBranches ? pending : null);
        }

        bool bright = random.Chance(0.6);
        var mode = (BlendMode)random.Next(3);
        var ink = bright ? context.PaperInk((float)random.Uniform(0.9, 1.0), mode) : context.DarkInk((float)random.Uniform(0.05, 0.25), mode);
        Compositor.Apply(image, layer, ink);
        steps.Add(new CrackStep(bright, mode, drawn));
    }

    /// <summary>Stamps one jagged branch; where <paramref name="spawn"/> is given, queues side branches into it.</summary>
    public static void Walk(CoverageLayer layer, Branch branch, double radius, double opacity, double unit, Random random, Queue<Branch>? spawn)
    {
        double x = branch.X;
        double y = branch.Y;
        double heading = branch.Heading;
        double travelled = 0;
        while (travelled < branch.Length)
        {
            // Each short segment turns sharply but is pulled back towards the branch's course, so the crack advances.
            heading += (random.Normal() * 0.5) + (0.3 * (branch.Heading - heading));
            double segment = random.Uniform(2, 6) * unit;
            double endX = x + (Math.Cos(heading) * segment);
            double endY = y + (Math.Sin(heading) * segment);
            double taper = 1 - (0.6 * travelled / branch.Length);
            for (double s = 0; s < segment; s += PathWalk.Step)
            {
                double t = s / segment;
                layer.Disc(x + ((endX - x) * t), y + ((endY - y) * t), radius * taper, opacity);
            }
            if (spawn is not null && random.Chance(0.12))
            {
                double turn = random.Uniform(0.5, 1.2) * (random.Chance(0.5) ? 1 : -1);
                spawn.Enqueue(new Branch(endX, endY, heading + turn, (branch.Length - travelled) * random.Uniform(0.3, 0.7)));
            }
            x = endX;
            y = endY;
            travelled += segment;
        }
    }

    /// <summary>Where a branch starts, its overall course in radians and its length in pixels.</summary>
    public readonly record struct Branch(double X, double Y, double Heading, double Length);
}
