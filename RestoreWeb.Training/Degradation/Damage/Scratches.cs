using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Aging;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>
/// Long, thin, gently curved scratches whose width and opacity change along their length and fade at the ends, alone
/// or in clusters of near-parallel ones. Bright ones show the paper through scraped emulsion; dark ones come from a
/// scratched negative.
/// </summary>
internal static class Scratches
{
    public static void Draw(
        RgbImage image, CoverageLayer layer, StructuredDamageOptions options, DamageContext context, Random random, List<DegradationStep> steps)
    {
        if (!random.Chance(options.ScratchProbability))
        {
            return;
        }

        int width = image.Width;
        int height = image.Height;
        double diagonal = Math.Sqrt((width * (double)width) + (height * (double)height));
        int groups = random.Count(options.ScratchGroups);
        for (int g = 0; g < groups; g++)
        {
            bool cluster = random.Chance(options.ScratchClusterProbability);
            int members = cluster ? random.Next(2, 6) : 1;
            double centreX = random.Uniform(0, width - 1);
            double centreY = random.Uniform(0, height - 1);
            double heading = random.Uniform(0, 2 * Math.PI);
            double length = random.Uniform(options.ScratchLength) * diagonal;
            double bend = random.Normal() * 0.4 / diagonal;
            bool bright = random.Chance(options.BrightProbability);
            double offset = 0;
            for (int m = 0; m < members; m++)
            {
                // Grit dragged across a print leaves near-parallel lines a few pixels apart, of unequal length.
                var shape = new Shape(
                    centreX - (Math.Sin(heading) * offset),
                    centreY + (Math.Cos(heading) * offset),
                    heading + (random.Normal() * 0.02),
                    length * (m == 0 ? 1 : random.Uniform(0.4, 1.0)),
                    bend);
                bool memberBright = (m == 0 || !random.Chance(0.15)) ? bright : !bright;
                DrawOne(image, layer, shape, memberBright, cluster, options, context, random, steps);
                offset += random.Uniform(2, 9) * context.Unit;
            }
        }
    }

    private static void DrawOne(
        RgbImage image, CoverageLayer layer, Shape shape, bool bright, bool cluster, StructuredDamageOptions options,
        DamageContext context, Random random, List<DegradationStep> steps)
    {
        double startX = shape.CentreX - (Math.Cos(shape.Heading) * shape.Length / 2);
        double startY = shape.CentreY - (Math.Sin(shape.Heading) * shape.Length / 2);
        double wander = random.Uniform(0.0005, 0.004);
        var curve = PathWalk.Curve(startX, startY, shape.Heading, shape.Length, shape.Bend, wander, random.Uniform(40, 120), random);

        double width = random.Uniform(options.ScratchWidth) * context.Unit;
        double opacity = random.Uniform(options.ScratchOpacity);
        double intermittency = random.Uniform(0, 0.45);
        var widthProfile = SmoothNoise.Profile(curve.Length, random.Uniform(20, 80) / PathWalk.Step, random);
        var opacityProfile = SmoothNoise.Profile(curve.Length, random.Uniform(15, 60) / PathWalk.Step, random);
        var points = new PathPoint[curve.Length];
        for (int i = 0; i < curve.Length; i++)
        {
            double radius = width / 2 * (0.5 + (0.5 * widthProfile[i]));
            double presence = Math.Clamp((opacityProfile[i] - intermittency) / (1 - intermittency) * 1.5, 0, 1);
            double alpha = opacity * PathWalk.Taper(i, curve.Length, 0.08) * (0.3 + (0.7 * presence));
            points[i] = new PathPoint(curve[i].X, curve[i].Y, radius, alpha);
        }
        PathWalk.Draw(layer, points);

        var mode = (BlendMode)random.Next(3);
        var ink = bright ? context.PaperInk((float)random.Uniform(0.92, 1.0), mode) : context.DarkInk((float)random.Uniform(0.04, 0.3), mode);
        Compositor.Apply(image, layer, ink);
        steps.Add(new ScratchStep(bright, mode, width, opacity, shape.Length, cluster));
    }

    private readonly record struct Shape(double CentreX, double CentreY, double Heading, double Length, double Bend);
}
