using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Pixels;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation.Aging;

/// <summary>Fading, then paper texture, then grain — the order in which they show on a print that is photographed later.</summary>
internal static class AgingPipeline
{
    /// <returns>The aged image and its paper white, which scraped-off emulsion reveals.</returns>
    public static (RgbImage Image, float[] PaperColour) Apply(RgbImage image, AgingOptions options, Random random, List<DegradationStep> steps)
    {
        var paper = Fading.PaperColour(0);
        var input = image;
        if (random.Chance(options.FadingProbability))
        {
            double strength = random.Uniform(options.FadingStrength);
            double yellowing = random.Uniform(options.Yellowing);
            double unevenness = random.Uniform(options.Unevenness);
            steps.Add(new FadingStep(strength, yellowing, unevenness));
            image = Fading.Apply(image, strength, yellowing, unevenness, random);
            paper = Fading.PaperColour(yellowing);
        }
        if (random.Chance(options.PaperTextureProbability))
        {
            double amplitude = random.Uniform(options.PaperTextureAmplitude);
            bool vertical = random.Chance(0.5);
            steps.Add(new PaperTextureStep(amplitude, vertical));
            image = PaperTexture.Apply(image, amplitude, vertical, random);
        }
        if (random.Chance(options.FilmGrainProbability))
        {
            double amplitude = random.Uniform(options.FilmGrainAmplitude);
            double unit = Math.Max(1.0, Math.Min(image.Width, image.Height) / 256.0);
            double size = random.Uniform(options.FilmGrainSize) * unit;
            steps.Add(new FilmGrainStep(amplitude, size));
            image = FilmGrain.Apply(image, amplitude, size, random);
        }
        if (!ReferenceEquals(image, input))
        {
            Quantization.InPlace(image);
        }
        return (image, paper);
    }
}
