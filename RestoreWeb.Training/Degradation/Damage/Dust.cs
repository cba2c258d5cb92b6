using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>
/// Small particles: specks of dust (mostly a pixel or two, some irregular clumps), curly hairs and fibres, and soft
/// brownish stains such as foxing and mould spots.
/// </summary>
internal static class Dust
{
    public static void Draw(
        RgbImage image, CoverageLayer layer, StructuredDamageOptions options, DamageContext context, Random random, List<DegradationStep> steps)
    {
        int stains = random.Count(options.Stains);
        int specks = random.Count(options.DustSpecks);
        int fibres = random.Count(options.Fibres);
        if (stains + specks + fibres == 0)
        {
            return;
        }
        for (int i = 0; i < stains; i++)
        {
            Stain(image, layer, context, random);
        }
        for (int i = 0; i < specks; i++)
        {
            Speck(image, layer, context, random);
        }
        for (int i = 0; i < fibres; i++)
        {
            Fibre(image, layer, context, random);
        }
        steps.Add(new DustStep(specks, fibres, stains));
    }

    private static void Speck(RgbImage image, CoverageLayer layer, DamageContext context, Random random)
    {
        double x = random.Uniform(0, image.Width - 1);
        double y = random.Uniform(0, image.Height - 1);

        // Squaring skews sizes small: most dust is a pixel wide, a few grains are larger.
        double u = random.NextDouble();
        double radius = (0.45 + (1.3 * u * u)) * context.Unit;
        double opacity = random.Uniform(0.6, 1.0);
        layer.Disc(x, y, radius, opacity);
        if (random.Chance(0.4))
        {
            int lobes = random.Next(1, 3);
            for (int i = 0; i < lobes; i++)
            {
                double angle = random.Uniform(0, 2 * Math.PI);
                double distance = radius * random.Uniform(0.5, 1.2);
                layer.Disc(x + (Math.Cos(angle) * distance), y + (Math.Sin(angle) * distance), radius * random.Uniform(0.5, 0.9), opacity);
            }
        }

        // Dust on the negative prints white, dust on the print or the scanner glass shows dark.
        var mode = (BlendMode)random.Next(3);
        float level = (float)random.Uniform(0.85, 1.0);
        var ink = random.Chance(0.5)
            ? context.Ink(level, level, level, bright: true, mode)
            : context.DarkInk(1f - level, mode);
        Compositor.Apply(image, layer, ink);
    }

    private static void Fibre(RgbImage image, CoverageLayer layer, DamageContext context, Random random)
    {
        double length = random.Uniform(8, 32) * context.Unit;
        var curve = PathWalk.Curve(
            random.Uniform(0, image.Width - 1),
            random.Uniform(0, image.Height - 1),
            random.Uniform(0, 2 * Math.PI),
            length,
            random.Normal() * 0.08 / context.Unit,
            random.Uniform(0.1, 0.3) / context.Unit,
            random.Uniform(4, 10) * context.Unit,
            random);
        double radius = random.Uniform(0.3, 0.55) * context.Unit;
        double opacity = random.Uniform(0.55, 0.95);
        PathWalk.Draw(layer, curve.Select((p, i) => new PathPoint(p.X, p.Y, radius, opacity * PathWalk.Taper(i, curve.Length, 0.15))));
        var mode = (BlendMode)random.Next(3);
        var ink = random.Chance(0.7) ? context.DarkInk((float)random.Uniform(0.05, 0.3), mode) : context.PaperInk(1f, mode);
        Compositor.Apply(image, layer, ink);
    }

    private static void Stain(RgbImage image, CoverageLayer layer, DamageContext context, Random random)
    {
        double x = random.Uniform(0, image.Width - 1);
        double y = random.Uniform(0, image.Height - 1);
        double size = random.Uniform(1.5, 5) * context.Unit;
        double opacity = random.Uniform(0.25, 0.55);
        int blobs = random.Next(2, 6);
        for (int i = 0; i < blobs; i++)
        {
            double angle = random.Uniform(0, 2 * Math.PI);
            double distance = size * random.Uniform(0, 0.7);
            double radius = size * random.Uniform(0.4, 1.0);
            layer.Disc(x + (Math.Cos(angle) * distance), y + (Math.Sin(angle) * distance), radius, opacity, softness: Math.Max(1, radius * 0.8));
        }

        // Foxing is rust-brown; multiplying (screen in the negative) darkens without flattening the picture beneath.
        float shade = (float)random.Uniform(0.85, 1.1);
        var ink = context.Ink(Math.Min(1f, 0.62f * shade), 0.45f * shade, 0.28f * shade, bright: false, BlendMode.Screen);
        Compositor.Apply(image, layer, ink);
    }
}
