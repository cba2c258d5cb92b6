using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The residual block every network of the method is built from:
/// <c>x + [ReflPad1, Conv3x3, IN, ReLU, ReflPad1, Conv3x3, IN](x)</c>. The children of <c>conv_block</c> keep the
/// official indices, so the convolutions appear as <c>conv_block.1.*</c> and <c>conv_block.5.*</c>.
/// </summary>
public sealed class ResnetBlock : nn.Module<Tensor, Tensor>
{
    private readonly Sequential conv_block;

    public ResnetBlock(long channels) : base(nameof(ResnetBlock))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        Channels = channels;
        conv_block = nn.Sequential(
            ("0", nn.ReflectionPad2d(1)),
            ("1", nn.Conv2d(channels, channels, 3)),
            ("2", Layers.InstanceNorm(channels)),
            ("3", nn.ReLU()),
            ("4", nn.ReflectionPad2d(1)),
            ("5", nn.Conv2d(channels, channels, 3)),
            ("6", Layers.InstanceNorm(channels)));
        RegisterComponents();
    }

    public long Channels { get; }

    public override Tensor forward(Tensor input)
    {
        using var residual = conv_block.call(input);
        return input + residual;
    }
}
