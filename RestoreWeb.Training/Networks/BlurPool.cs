using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// Anti-aliased stride-2 downsampling of the detector: reflect pad 1, then a depthwise [1,2,1]⊗[1,2,1]/16 filter.
/// The filter is a persistent buffer named <c>filt</c> (C×1×3×3) because the official checkpoints store it.
/// </summary>
public sealed class BlurPool : nn.Module<Tensor, Tensor>
{
    private readonly Tensor filt;

    public BlurPool(long channels) : base(nameof(BlurPool))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        Channels = channels;
        using var taps = tensor(new float[] { 1, 2, 1 });
        using var kernel = taps.outer(taps) / 16;
        filt = kernel.expand(channels, 1, 3, 3).contiguous();
        RegisterComponents();
    }

    public long Channels { get; }

    public override Tensor forward(Tensor input)
    {
        using var padded = nn.functional.pad(input, [1, 1, 1, 1], PaddingModes.Reflect);
        return nn.functional.conv2d(padded, filt, strides: [2, 2], groups: Channels);
    }
}
