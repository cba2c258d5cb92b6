using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The official <c>weights_init</c>: every convolution (plain, transposed or spectrally normalised) gets weights from
/// N(0, 0.02) and keeps its default bias; BatchNorm gets weight N(1, 0.02) and bias 0. The official code applies it
/// to the VAEs, the mapping networks and the discriminators, not to the scratch detector.
/// </summary>
public static class OfficialInitialization
{
    public const double ConvolutionStd = 0.02;

    public static void Apply(nn.Module module, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var noGrad = no_grad();
        foreach (var (_, child) in module.named_modules().Prepend((string.Empty, module)))
        {
            switch (child)
            {
                case Conv2d conv:
                    nn.init.normal_(conv.weight!, 0, ConvolutionStd, generator);
                    break;
                case ConvTranspose2d transposed:
                    nn.init.normal_(transposed.weight!, 0, ConvolutionStd, generator);
                    break;
                case SpectralNormConv2d spectral:
                    nn.init.normal_(spectral.WeightOrig, 0, ConvolutionStd, generator);
                    break;
                case BatchNorm2d norm:
                    nn.init.normal_(norm.weight!, 1, ConvolutionStd, generator);
                    nn.init.zeros_(norm.bias!);
                    break;
            }
        }
    }
}
