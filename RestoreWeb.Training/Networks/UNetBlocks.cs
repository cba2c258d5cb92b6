using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// Two 3×3 convolutions, each reflect-padded and followed by BatchNorm and LeakyReLU(0.2)
/// (official <c>UNetConvBlock</c>, conv_num 2, padding, batch_norm), as the Sequential <c>block</c>.
/// </summary>
public sealed class UNetConvBlock : nn.Module<Tensor, Tensor>
{
    private readonly Sequential block;

    public UNetConvBlock(long input, long output) : base(nameof(UNetConvBlock))
    {
        block = Layers.Indexed(
        [
            nn.ReflectionPad2d(1),
            nn.Conv2d(input, output, 3),
            nn.BatchNorm2d(output),
            Layers.LeakyRelu(),
            nn.ReflectionPad2d(1),
            nn.Conv2d(output, output, 3),
            nn.BatchNorm2d(output),
            Layers.LeakyRelu(),
        ]);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => block.call(input);
}

/// <summary>
/// A decoder step of the detector (official <c>UNetUpBlock</c>, up_mode "upsample"): bilinear ×2
/// (align_corners = false), reflect pad 1 and a 3×3 convolution halving the channels, concatenation
/// [upsampled, skip], then a <see cref="UNetConvBlock"/>.
/// </summary>
public sealed class UNetUpBlock : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Sequential up;
    private readonly UNetConvBlock conv_block;

    public UNetUpBlock(long input, long output) : base(nameof(UNetUpBlock))
    {
        up = Layers.Indexed(
        [
            nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear, align_corners: false),
            nn.ReflectionPad2d(1),
            nn.Conv2d(input, output, 3),
        ]);
        conv_block = new UNetConvBlock(input, output);
        RegisterComponents();
    }

    /// <param name="input">Features from the coarser level.</param>
    /// <param name="skip">Features of the encoder at this level; sizes match because inputs are multiples of 2^depth.</param>
    public override Tensor forward(Tensor input, Tensor skip)
    {
        using var upsampled = up.call(input);
        using var joined = cat([upsampled, skip], 1);
        return conv_block.call(joined);
    }
}
