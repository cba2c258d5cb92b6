using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>
/// Draws structured damage onto the image in place, bottom layer first: cracks and creases break the emulsion,
/// scratches cut across it, and stains, dust and fibres lie on top.
/// </summary>
internal static class StructuredDamagePipeline
{
    public static void Apply(
        RgbImage image, CoverageLayer layer, StructuredDamageOptions options, DamageContext context, Random random, List<DegradationStep> steps)
    {
        Cracks.Draw(image, layer, options, context, random, steps);
        Creases.Draw(image, layer, options, context, random, steps);
        Scratches.Draw(image, layer, options, context, random, steps);
        Dust.Draw(image, layer, options, context, random, steps);
    }
}
