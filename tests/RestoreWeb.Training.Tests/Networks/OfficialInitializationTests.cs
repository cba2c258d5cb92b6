using RestoreWeb.Training.Networks;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

public sealed class OfficialInitializationTests
{
    [Fact]
    public void Convolutions_get_normal_0_02_weights_and_batch_norms_get_weight_near_1_and_zero_bias()
    {
        using var scope = NewDisposeScope();
        using var discriminator = new MultiscaleDiscriminator(6, 16, 3, 2, spectralNorm: true);
        using var detector = new ScratchUNet(wf: 3, depth: 2);

        OfficialInitialization.Apply(discriminator, new Generator(21));
        OfficialInitialization.Apply(detector, new Generator(22));

        var spectral = cat(discriminator.named_modules().Select(m => m.module).OfType<SpectralNormConv2d>()
            .Select(c => c.WeightOrig.detach().flatten()).ToList());
        Assert.InRange(spectral.std().item<float>(), 0.019f, 0.021f);
        Assert.InRange(spectral.mean().item<float>(), -0.002f, 0.002f);
        var norms = detector.named_modules().Select(m => m.module).OfType<BatchNorm2d>().ToList();
        Assert.NotEmpty(norms);
        Assert.All(norms, n =>
        {
            Assert.InRange(n.weight!.mean().item<float>(), 0.98f, 1.02f);
            Assert.Equal(0f, n.bias!.abs().max().item<float>());
        });
    }
}
