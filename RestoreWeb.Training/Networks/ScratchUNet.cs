using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The scratch detector (official detection <c>UNet</c>: depth 4, conv_num 2, padding, batch_norm, up_mode
/// "upsample", antialiasing, no tanh). Input: luma in [-1, 1], N×1×H×W with H, W multiples of 2^depth. Output:
/// scratch logits of the same size (apply a sigmoid and threshold for a mask). BatchNorm uses its running
/// statistics in evaluation mode.
/// </summary>
public sealed class ScratchUNet : nn.Module<Tensor, Tensor>
{
    // Declaration order is the official key order: first, down_path, down_sample, up_path, last.
    private readonly Sequential first;
    private readonly ModuleList<UNetConvBlock> down_path;
    private readonly ModuleList<Sequential> down_sample;
    private readonly ModuleList<UNetUpBlock> up_path;
    private readonly Sequential last;

    public ScratchUNet(int wf = 6, int depth = 4, long inputChannels = 1, long outputChannels = 1)
        : base(nameof(ScratchUNet))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wf, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wf, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, 8);
        Wf = wf;
        Depth = depth;
        InputChannels = inputChannels;
        OutputChannels = outputChannels;

        long channels = 1L << wf;
        first = Layers.Indexed([nn.ReflectionPad2d(3), nn.Conv2d(inputChannels, channels, 7), Layers.LeakyRelu()]);

        var downBlocks = new List<UNetConvBlock>();
        var downSamplers = new List<Sequential>();
        for (int level = 0; level < depth; level++)
        {
            downSamplers.Add(Layers.Indexed(
            [
                nn.ReflectionPad2d(1),
                nn.Conv2d(channels, channels, 3),
                nn.BatchNorm2d(channels),
                Layers.LeakyRelu(),
                new BlurPool(channels),
            ]));
            long next = 1L << (wf + level + 1);
            downBlocks.Add(new UNetConvBlock(channels, next));
            channels = next;
        }

        var upBlocks = new List<UNetUpBlock>();
        for (int level = depth - 1; level >= 0; level--)
        {
            long next = 1L << (wf + level);
            upBlocks.Add(new UNetUpBlock(channels, next));
            channels = next;
        }

        down_path = nn.ModuleList(downBlocks.ToArray());
        down_sample = nn.ModuleList(downSamplers.ToArray());
        up_path = nn.ModuleList(upBlocks.ToArray());
        last = Layers.Indexed([nn.ReflectionPad2d(1), nn.Conv2d(channels, outputChannels, 3)]);
        RegisterComponents();
    }

    /// <summary>log2 of the channels of the first layer (official wf).</summary>
    public int Wf { get; }

    public int Depth { get; }

    public long InputChannels { get; }

    public long OutputChannels { get; }

    /// <summary>Image sides must be multiples of this.</summary>
    public long SizeMultiple => 1L << Depth;

    public override Tensor forward(Tensor input)
    {
        InputChecks.RequireImageBatch(input, "Scratch detector", InputChannels, SizeMultiple);
        using var scope = NewDisposeScope();
        var x = first.call(input);
        var skips = new List<Tensor>(Depth);
        for (int level = 0; level < Depth; level++)
        {
            skips.Add(x);
            x = down_path[level].call(down_sample[level].call(x));
        }

        for (int step = 0; step < Depth; step++)
        {
            x = up_path[step].call(x, skips[Depth - 1 - step]);
        }

        return last.call(x).MoveToOuterDisposeScope();
    }
}
