using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The VAE of both domains (official <c>GlobalGenerator_DCDCv2</c> with n_downsampling 3, start_r 1,
/// spatio_size 64, k_size 4): an encoder to a <see cref="Width"/>-channel code at a quarter of the resolution and
/// a decoder back to an image in [-1, 1]. Every layer has <see cref="Width"/> channels (the official mc = 64 caps
/// them all), and the child indices of <c>encoder</c> and <c>decoder</c> are the official ones.
/// </summary>
public sealed class VaeGenerator : nn.Module<Tensor, Tensor>
{
    /// <summary>Image sides must be multiples of this (two stride-2 stages).</summary>
    public const int SizeMultiple = 4;

    private readonly Sequential encoder;
    private readonly Sequential decoder;

    public VaeGenerator(long width = 64, long imageChannels = 3) : base(nameof(VaeGenerator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageChannels, 1);
        Width = width;
        ImageChannels = imageChannels;

        encoder = Layers.Indexed(
        [
            nn.ReflectionPad2d(3),
            nn.Conv2d(imageChannels, width, 7),
            Layers.InstanceNorm(width),
            nn.ReLU(),
            nn.Conv2d(width, width, 4, stride: 2, padding: 1),
            Layers.InstanceNorm(width),
            nn.ReLU(),
            nn.Conv2d(width, width, 4, stride: 2, padding: 1),
            Layers.InstanceNorm(width),
            nn.ReLU(),
            new ResnetBlock(width),
            new ResnetBlock(width),
            new ResnetBlock(width),
            new ResnetBlock(width),
        ]);

        decoder = Layers.Indexed(
        [
            new ResnetBlock(width),
            new ResnetBlock(width),
            new ResnetBlock(width),
            new ResnetBlock(width),
            nn.ConvTranspose2d(width, width, 4, stride: 2, padding: 1),
            Layers.InstanceNorm(width),
            nn.ReLU(),
            nn.ConvTranspose2d(width, width, 4, stride: 2, padding: 1),
            Layers.InstanceNorm(width),
            nn.ReLU(),
            nn.ReflectionPad2d(3),
            nn.Conv2d(width, imageChannels, 7),
            nn.Tanh(),
        ]);

        RegisterComponents();
    }

    /// <summary>Channels of every layer and of the latent code.</summary>
    public long Width { get; }

    public long ImageChannels { get; }

    /// <summary>The decoder alone, e.g. to import the decoder half of a checkpoint.</summary>
    public Sequential Decoder => decoder;

    /// <summary>The encoder alone.</summary>
    public Sequential Encoder => encoder;

    /// <summary>Image N×3×H×W in [-1, 1] (H, W multiples of 4) → latent N×Width×H/4×W/4.</summary>
    public Tensor Encode(Tensor image)
    {
        InputChecks.RequireImageBatch(image, "VAE encoder", ImageChannels, SizeMultiple);
        return encoder.call(image);
    }

    /// <summary>Latent → image in [-1, 1]. No noise: this is the test-time decode.</summary>
    public Tensor Decode(Tensor latent)
    {
        InputChecks.RequireImageBatch(latent, "VAE decoder", Width, 1);
        return decoder.call(latent);
    }

    /// <summary>
    /// The training-time decode: N(0, σ²) noise is added to the code first, which is what makes the latent space
    /// smooth (together with the <c>mean(z²)</c> KL term of the loss). The paper's σ is 1.
    /// </summary>
    public Tensor DecodeWithNoise(Tensor latent, Generator? generator = null, double sigma = 1.0)
    {
        InputChecks.RequireImageBatch(latent, "VAE decoder", Width, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(sigma);
        using var scope = NewDisposeScope();
        // A seeded generator draws on the CPU and the noise is copied over, so a GPU run adds the same noise as a CPU
        // run (a CPU generator cannot draw on a CUDA device).
        var noise = generator is null
            ? randn_like(latent)
            : randn(latent.shape, latent.dtype, CPU, generator: generator).to(latent.device);
        var decoded = decoder.call(latent + (noise * sigma));
        return decoded.MoveToOuterDisposeScope();
    }

    /// <summary>Encode then decode without noise (the official "enc_dec" flow).</summary>
    public override Tensor forward(Tensor input)
    {
        using var latent = Encode(input);
        return decoder.call(latent);
    }
}
