using System.Globalization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>Small layer factories shared by several networks, so that each one is configured in one place.</summary>
internal static class Layers
{
    /// <summary>
    /// The official "instance" norm: no affine parameters and no running statistics, so it contributes no state-dict
    /// entries and behaves identically in training and evaluation.
    /// </summary>
    public static InstanceNorm2d InstanceNorm(long channels) =>
        nn.InstanceNorm2d(channels, eps: 1e-5, affine: false, track_running_stats: false);

    public static LeakyReLU LeakyRelu() => nn.LeakyReLU(0.2);

    /// <summary>A 3×3 convolution with zero padding 1, as in the mapping networks' channel ramps.</summary>
    public static Conv2d Conv3x3(long input, long output) => nn.Conv2d(input, output, 3, stride: 1, padding: 1);

    /// <summary>Builds a <see cref="Sequential"/> whose children are named "0", "1", … in order.</summary>
    public static Sequential Indexed(IEnumerable<nn.Module<Tensor, Tensor>> modules) =>
        nn.Sequential(modules.Select((module, index) => (index.ToString(CultureInfo.InvariantCulture), module)));
}
