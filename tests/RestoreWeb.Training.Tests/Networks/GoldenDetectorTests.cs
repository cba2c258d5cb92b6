using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

/// <summary>Case detector_unet_tiny: the detection U-Net at wf 3 with perturbed BatchNorm statistics.</summary>
public sealed class GoldenDetectorTests(ITestOutputHelper output)
{
    [Fact]
    public void Golden_detector_unet_tiny_logits_match_using_the_running_statistics()
    {
        using var scope = NewDisposeScope();
        using var detector = OfficialCheckpoints.LoadDetector(Golden.PathOf("detector_unet_tiny.state_dict.pth"));
        Assert.Equal(3, detector.Wf);
        Assert.Equal(4, detector.Depth);
        detector.eval();
        using var noGrad = no_grad();

        var logits = detector.call(Golden.Array("detector_unet_tiny.input.npy"));

        double tolerance = Golden.Tolerance("detector_unet_tiny", "output");
        double relative = Golden.AssertClose(
            Golden.Array("detector_unet_tiny.output.npy"), logits, tolerance, "detector_unet_tiny.output");
        output.WriteLine($"GOLDEN detector_unet_tiny.output rel={relative:E2} tol={tolerance:E0}");
    }

    [Fact]
    public void Training_mode_uses_batch_statistics_and_gives_different_logits()
    {
        using var scope = NewDisposeScope();
        using var detector = OfficialCheckpoints.LoadDetector(Golden.PathOf("detector_unet_tiny.state_dict.pth"));
        detector.train();
        using var noGrad = no_grad();

        var logits = detector.call(Golden.Array("detector_unet_tiny.input.npy"));

        var difference = (logits - Golden.Array("detector_unet_tiny.output.npy")).abs().max().item<float>();
        Assert.True(difference > 1e-2f, $"batch statistics should change the output (max difference {difference})");
    }
}
