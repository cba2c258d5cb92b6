using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The channel ramps shared by all three mapping networks: four 3×3 convolutions widening the latent from
/// <c>nc</c> towards the mapping width <c>mc</c> (nc→2nc→4nc→8nc→16nc, capped at mc), and three narrowing ones
/// plus a plain 2nc→nc convolution at the end. The official code writes 64 for nc; a narrower VAE (compact preset)
/// substitutes its own latent width, which leaves the official structure and key names unchanged.
/// </summary>
internal static class MappingLayers
{
    private const int Steps = 4;

    /// <summary>How many times the latent width the ramp's doublings reach, and so the widest mapping it can feed.</summary>
    public const int MaxWidening = 1 << Steps;

    public static void Validate(long latentChannels, long width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latentChannels, 1);
        if (width < 2 * latentChannels)
        {
            // The official classes hard-code the last convolution as 2nc→nc, so they fail at run time here.
            throw new ArgumentOutOfRangeException(
                nameof(width),
                $"The mapping width ({width}) must be at least twice the latent width ({latentChannels}).");
        }
        if (width > latentChannels * MaxWidening)
        {
            // Four doublings reach 16nc at most; wider residual blocks would not meet the ramp that feeds them.
            throw new ArgumentOutOfRangeException(
                nameof(width),
                $"The mapping width ({width}) can be at most {MaxWidening} times the latent width ({latentChannels}).");
        }
    }

    /// <summary>Conv, IN, ReLU four times (indices 0–11 of the official Sequential).</summary>
    public static IEnumerable<nn.Module<Tensor, Tensor>> Widening(long latentChannels, long width)
    {
        for (int i = 0; i < Steps; i++)
        {
            long input = Math.Min(latentChannels << i, width);
            long output = Math.Min(latentChannels << (i + 1), width);
            yield return Layers.Conv3x3(input, output);
            yield return Layers.InstanceNorm(output);
            yield return nn.ReLU();
        }
    }

    /// <summary>Conv, IN, ReLU three times, then the final 2nc→nc convolution without norm or activation.</summary>
    public static IEnumerable<nn.Module<Tensor, Tensor>> Narrowing(long latentChannels, long width)
    {
        for (int i = 0; i < Steps - 1; i++)
        {
            long input = Math.Min(latentChannels << (Steps - i), width);
            long output = Math.Min(latentChannels << (Steps - 1 - i), width);
            yield return Layers.Conv3x3(input, output);
            yield return Layers.InstanceNorm(output);
            yield return nn.ReLU();
        }

        yield return Layers.Conv3x3(latentChannels * 2, latentChannels);
    }

    public static IEnumerable<nn.Module<Tensor, Tensor>> ResidualBlocks(long width, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (int i = 0; i < count; i++)
        {
            yield return new ResnetBlock(width);
        }
    }
}
