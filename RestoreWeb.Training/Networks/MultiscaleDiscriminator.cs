using System.Globalization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The multiscale PatchGAN of the method (official <c>MultiscaleDiscriminator</c> with getIntermFeat, no sigmoid):
/// <see cref="Scales"/> discriminators of <see cref="LayerCount"/>+2 stages each, 4×4 convolutions with padding 2 and
/// strides 2,…,2,1,1, instance norm on all but the first and last stage, LeakyReLU(0.2) on all but the last.
/// Stages are children <c>scale{i}_layer{j}</c>. Between scales the input is average-pooled 3×3, stride 2,
/// padding 1, not counting the padding. Optionally spectrally normalised (the mapping stage's D).
/// </summary>
public sealed class MultiscaleDiscriminator : nn.Module<Tensor, Tensor[][]>
{
    private const int KernelSize = 4;
    private const int PaddingSize = 2;
    private const long MaxWidth = 512;

    private readonly Sequential[][] stages;

    public MultiscaleDiscriminator(
        long inputChannels, long width = 64, int layers = 3, int scales = 2, bool spectralNorm = false)
        : base(nameof(MultiscaleDiscriminator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scales, 1);
        InputChannels = inputChannels;
        Width = width;
        LayerCount = layers;
        Scales = scales;
        SpectralNorm = spectralNorm;

        stages = new Sequential[scales][];
        for (int scale = 0; scale < scales; scale++)
        {
            stages[scale] = BuildScale();
            for (int layer = 0; layer < stages[scale].Length; layer++)
            {
                // Names are data here (scale and layer counts vary), so registration is explicit.
                register_module(
                    string.Create(CultureInfo.InvariantCulture, $"scale{scale}_layer{layer}"), stages[scale][layer]);
            }
        }
    }

    public long InputChannels { get; }

    public long Width { get; }

    /// <summary>Number of stride-2 stages with a norm (official n_layers); each scale has LayerCount + 2 stages.</summary>
    public int LayerCount { get; }

    public int Scales { get; }

    public bool SpectralNorm { get; }

    /// <summary>
    /// Features of every stage for every scale: result[0] is the full-resolution scale (modules
    /// <c>scale{Scales-1}_layer*</c>), result[k] the input average-pooled k times; the last entry of each is the
    /// patch score map.
    /// </summary>
    public override Tensor[][] forward(Tensor input)
    {
        InputChecks.RequireImageBatch(input, "Discriminator", InputChannels, 1);
        var result = new Tensor[Scales][];
        var current = input;
        for (int pass = 0; pass < Scales; pass++)
        {
            var modules = stages[Scales - 1 - pass];
            var features = new Tensor[modules.Length];
            var x = current;
            for (int layer = 0; layer < modules.Length; layer++)
            {
                x = modules[layer].call(x);
                features[layer] = x;
            }

            result[pass] = features;
            if (pass != Scales - 1)
            {
                var pooled = nn.functional.avg_pool2d(
                    current, kernel_size: 3, stride: 2, padding: 1, count_include_pad: false);
                if (!ReferenceEquals(current, input))
                {
                    current.Dispose();
                }

                current = pooled;
            }
        }

        if (!ReferenceEquals(current, input))
        {
            current.Dispose();
        }

        return result;
    }

    private Sequential[] BuildScale()
    {
        var built = new List<Sequential>();
        long channels = Width;
        built.Add(Stage(InputChannels, channels, stride: 2, norm: false, activation: true));
        for (int n = 1; n < LayerCount; n++)
        {
            long next = Math.Min(channels * 2, MaxWidth);
            built.Add(Stage(channels, next, stride: 2, norm: true, activation: true));
            channels = next;
        }

        long widest = Math.Min(channels * 2, MaxWidth);
        built.Add(Stage(channels, widest, stride: 1, norm: true, activation: true));
        built.Add(Stage(widest, 1, stride: 1, norm: false, activation: false));
        return [.. built];
    }

    private Sequential Stage(long input, long output, long stride, bool norm, bool activation)
    {
        var modules = new List<nn.Module<Tensor, Tensor>>
        {
            SpectralNorm
                ? new SpectralNormConv2d(input, output, KernelSize, stride, PaddingSize)
                : nn.Conv2d(input, output, KernelSize, stride: stride, padding: PaddingSize),
        };
        if (norm)
        {
            modules.Add(Layers.InstanceNorm(output));
        }

        if (activation)
        {
            modules.Add(Layers.LeakyRelu());
        }

        return Layers.Indexed(modules);
    }
}
