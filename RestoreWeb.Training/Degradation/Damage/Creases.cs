using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Aging;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>
/// A fold right across the print: along the fold line the emulsion cracks open in a broken, slightly jagged bright
/// line with short side cracks, and a faint dark shadow runs beside it where the paper ridge stands up.
/// </summary>
internal static class Creases
{
    public static void Draw(
        RgbImage image, CoverageLayer layer, StructuredDamageOptions options, DamageContext context, Random random, List<DegradationStep> steps)
    {
        if (!random.Chance(options.CreaseProbability))
        {
            return;
        }

        int width = image.Width;
        int height = image.Height;
        double diagonal = Math.Sqrt((width * (double)width) + (height * (double)height));
        double heading = random.Uniform(0, Math.PI);
        double throughX = width * random.Uniform(0.2, 0.8);
        double throughY = height * random.Uniform(0.2, 0.8);
        var curve = PathWalk.Curve(
            throughX - (Math.Cos(heading) * diagonal),
            throughY - (Math.Sin(heading) * diagonal),
            heading,
            2 * diagonal,
            random.Normal() * 0.05 / diagonal,
            random.Uniform(0.0003, 0.0015),
            random.Uniform(60, 160),
            random);

        double crackWidth = random.Uniform(1.0, 2.4) * context.Unit;
        double crackOpacity = random.Uniform(0.75, 1.0);
        double jitter = random.Uniform(0.3, 1.2) * context.Unit;
        var wobble = SmoothNoise.Profile(curve.Length, random.Uniform(3, 8) / PathWalk.Step, random);
        var breaks = SmoothNoise.Profile(curve.Length, random.Uniform(6, 25) / PathWalk.Step, random);
        var thickness = SmoothNoise.Profile(curve.Length, random.Uniform(5, 20) / PathWalk.Step, random);
        double normalX = -Math.Sin(heading);
        double normalY = Math.Cos(heading);
        var crack = new PathPoint[curve.Length];
        var shadow = new PathPoint[curve.Length];
        double shadowOpacity = random.Uniform(0.25, 0.5);
        double shadowRadius = random.Uniform(0.6, 0.9) * context.Unit;
        double side = random.Chance(0.5) ? 1 : -1;
        for (int i = 0; i < curve.Length; i++)
        {
            double shift = jitter * ((2 * wobble[i]) - 1);
            double x = curve[i].X + (normalX * shift);
            double y = curve[i].Y + (normalY * shift);
            double radius = crackWidth / 2 * (0.5 + (0.5 * thickness[i]));
            double open = Math.Clamp((1.6 * breaks[i]) - 0.2, 0, 1);
            crack[i] = new PathPoint(x, y, radius, crackOpacity * open);
            double offset = side * (radius + shadowRadius + (0.5 * context.Unit));
            shadow[i] = new PathPoint(
                curve[i].X + (normalX * offset), curve[i].Y + (normalY * offset), shadowRadius, shadowOpacity * (0.5 + (0.5 * thickness[i])));
        }

        PathWalk.Draw(layer, shadow);
        Compositor.Apply(image, layer, context.DarkInk(0.15f, BlendMode.Screen));
        var mode = (BlendMode)random.Next(3);
        PathWalk.Draw(layer, crack);
        Spurs(layer, crack, context.Unit, random);
        Compositor.Apply(image, layer, context.PaperInk((float)random.Uniform(0.93, 1.0), mode));
        steps.Add(new CreaseStep(mode, crackWidth, PathWalk.InsideLength(curve, width, height)));
    }

    /// <summary>Short side cracks every few dozen pixels where the fold is open, as the emulsion splinters sideways.</summary>
    private static void Spurs(CoverageLayer layer, PathPoint[] crack, double unit, Random random)
    {
        int next = (int)(random.Uniform(10, 40) * unit / PathWalk.Step);
        for (int i = next; i < crack.Length - 1; i = next)
        {
            next = i + (int)(random.Uniform(10, 40) * unit / PathWalk.Step);
            if (crack[i].Opacity <= 0.3)
            {
                continue;
            }
            double along = Math.Atan2(crack[i + 1].Y - crack[i].Y, crack[i + 1].X - crack[i].X);
            double turn = random.Uniform(0.6, 1.4) * (random.Chance(0.5) ? 1 : -1);
            var branch = new Cracks.Branch(crack[i].X, crack[i].Y, along + turn, random.Uniform(2, 8) * unit);
            Cracks.Walk(layer, branch, 0.4 * unit, crack[i].Opacity, unit, random, spawn: null);
        }
    }
}
