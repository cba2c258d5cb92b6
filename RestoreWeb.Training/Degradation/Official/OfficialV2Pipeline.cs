using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation.Official;

/// <summary>
/// The released online_add_degradation_v2: blur, noise, low resolution and JPEG in a random order, each taken with
/// its own chance.
/// </summary>
internal static class OfficialV2Pipeline
{
    private enum Operation
    {
        Blur,
        Noise,
        Rescale,
        Jpeg,
    }

    public static RgbImage Apply(RgbImage image, OfficialV2Options options, Random random, List<DegradationStep> steps)
    {
        Span<Operation> order = [Operation.Blur, Operation.Noise, Operation.Rescale, Operation.Jpeg];
        random.Shuffle(order);
        foreach (var operation in order)
        {
            if (!random.Chance(options.OperationProbability))
            {
                continue;
            }
            image = operation switch
            {
                Operation.Blur => Blur(image, options, random, steps),
                Operation.Noise => AddNoise(image, options, random, steps),
                Operation.Rescale => Reduce(image, options, random, steps),
                _ => Compress(image, options, random, steps),
            };
        }
        return image;
    }

    private static RgbImage Blur(RgbImage image, OfficialV2Options options, Random random, List<DegradationStep> steps)
    {
        int kernel = random.Pick(options.BlurKernelSizes);
        double sigma = random.Uniform(options.BlurSigma);
        steps.Add(new GaussianBlurStep(kernel, sigma));
        return GaussianBlur.Apply(image, kernel, sigma);
    }

    private static RgbImage AddNoise(RgbImage image, OfficialV2Options options, Random random, List<DegradationStep> steps)
    {
        switch ((NoiseKind)random.Next(3))
        {
            case NoiseKind.Gaussian:
                double sigma = random.Uniform(options.NoiseSigma);
                steps.Add(new GaussianNoiseStep(sigma));
                return Noise.AddGaussian(image, sigma, random);
            case NoiseKind.Speckle:
                double speckle = random.Uniform(options.NoiseSigma);
                steps.Add(new SpeckleNoiseStep(speckle));
                return Noise.AddSpeckle(image, speckle, random);
            default:
                double amount = random.Uniform(options.SaltAndPepperAmount);
                double salt = random.Uniform(options.SaltFraction);
                steps.Add(new SaltAndPepperStep(amount, salt));
                return Noise.AddSaltAndPepper(image, amount, salt, random);
        }
    }

    private static RgbImage Reduce(RgbImage image, OfficialV2Options options, Random random, List<DegradationStep> steps)
    {
        int width = ReducedSide(image.Width, options.DownscaleFactor, random);
        int height = ReducedSide(image.Height, options.DownscaleFactor, random);
        var filter = random.Chance(options.NearestUpscaleProbability) ? UpscaleFilter.Nearest : UpscaleFilter.Bilinear;
        steps.Add(new RescaleStep(width, height, (double)width / image.Width, (double)height / image.Height, filter));
        return Rescale.Apply(image, width, height, filter);
    }

    private static RgbImage Compress(RgbImage image, OfficialV2Options options, Random random, List<DegradationStep> steps)
    {
        int quality = random.Count(options.JpegQuality);
        steps.Add(new JpegStep(quality));
        return JpegRoundTrip.Apply(image, quality);
    }

    /// <summary>A whole number of pixels whose ratio to <paramref name="side"/> stays inside the factor range.</summary>
    private static int ReducedSide(int side, ValueRange factor, Random random)
    {
        int lowest = Math.Max(1, (int)Math.Ceiling(side * factor.Min));
        int highest = Math.Max(lowest, (int)Math.Floor(side * factor.Max));
        return random.Next(lowest, highest + 1);
    }
}
