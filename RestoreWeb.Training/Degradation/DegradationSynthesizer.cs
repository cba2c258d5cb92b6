using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Aging;
using RestoreWeb.Training.Degradation.Damage;
using RestoreWeb.Training.Degradation.Official;
using RestoreWeb.Training.Degradation.Pixels;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation;

/// <summary>
/// Turns a clean photo into a synthetic old photo with its scratch mask. The same image and seed always give
/// bit-identical results; the synthesizer holds no state, so one instance can serve many producer threads.
/// </summary>
/// <remarks>
/// Order: greyscale (target too) → aging (fading, paper texture, grain) → the four v2 operations in random order →
/// structured damage → holes. Structured damage comes last so that nothing blurs or compresses it afterwards: the
/// mask then marks exactly the pixels it changed, and every one of them visibly. Each part draws from its own
/// random stream, so switching structured damage or holes off leaves everything else unchanged.
/// </remarks>
public sealed class DegradationSynthesizer
{
    public DegradationSynthesizer(DegradationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public DegradationOptions Options { get; }

    /// <summary>Draws a seed from <paramref name="random"/> and degrades with it.</summary>
    public DegradedSample Degrade(RgbImage clean, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Degrade(clean, random.Next());
    }

    public DegradedSample Degrade(RgbImage clean, int seed)
    {
        ArgumentNullException.ThrowIfNull(clean);
        var steps = new List<DegradationStep>();
        var official = RandomStreams.Create(seed, RandomStream.Official);

        bool grey = official.Chance(Options.GreyscaleProbability);
        var target = grey ? Greyscale.Apply(clean) : clean.Clone();
        if (grey)
        {
            steps.Add(new GreyscaleStep());
        }

        var image = target.Clone();
        Quantization.InPlace(image);
        var paper = Fading.PaperColour(0);
        if (Options.Aging.Enabled)
        {
            (image, paper) = AgingPipeline.Apply(image, Options.Aging, RandomStreams.Create(seed, RandomStream.Aging), steps);
        }
        if (Options.OfficialV2.Enabled)
        {
            image = OfficialV2Pipeline.Apply(image, Options.OfficialV2, official, steps);
        }

        var undamaged = image;
        image = image.Clone();
        var layer = new CoverageLayer(image.Width, image.Height);
        if (Options.Structured.Enabled)
        {
            double unit = Math.Max(1.0, Math.Min(image.Width, image.Height) / 256.0);
            var context = new DamageContext(paper, grey, unit);
            StructuredDamagePipeline.Apply(
                image, layer, Options.Structured, context, RandomStreams.Create(seed, RandomStream.Structured), steps);
        }
        Holes.Draw(image, layer, Options.Holes, RandomStreams.Create(seed, RandomStream.Holes), steps);

        return new DegradedSample(target, image, ChangedPixels(undamaged, image), new DegradationRecord(seed, steps));
    }

    /// <summary>1 where any channel differs: the mask is what the damage did, not what was attempted.</summary>
    private static GrayImage ChangedPixels(RgbImage before, RgbImage after)
    {
        var mask = new GrayImage(before.Width, before.Height);
        int plane = before.PlaneLength;
        var a = before.Data;
        var b = after.Data;
        for (int i = 0; i < plane; i++)
        {
            if (a[i] != b[i] || a[plane + i] != b[plane + i] || a[(2 * plane) + i] != b[(2 * plane) + i])
            {
                mask.Data[i] = 1f;
            }
        }
        return mask;
    }
}
