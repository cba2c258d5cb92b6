using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Export;
using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Export;

/// <summary>
/// TorchSharp networks with random official-style weights, exported, and run in ONNX Runtime at several sizes —
/// square, non-square and odd multiples of 4 — agree with the TorchSharp forward.
/// </summary>
public sealed class ScratchExportParityTests(ITestOutputHelper output)
{
    private static readonly ArchitecturePreset Tiny = ArchitecturePresets.Official with
    {
        Name = "parity-tiny", VaeWidth = 16, MappingWidth = 32, MappingBlocks = 2, NonLocalBlocks = 1,
    };

    public static TheoryData<int, int> Sizes => new() { { 32, 32 }, { 36, 52 }, { 44, 28 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Exported_scratch_restoration_matches_TorchSharp_and_the_latent_hole_masks_agree_exactly(int height, int width)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(height * 1000 + width);
        using var vaeA = Tiny.CreateVae();
        using var vaeB = Tiny.CreateVae();
        using var mapping = Tiny.CreateScratchMapping();
        foreach (var module in new nn.Module[] { vaeA, vaeB, mapping })
        {
            module.eval();
        }
        var image = rand(1, 3, height, width) * 2 - 1;
        var mask = (rand(1, 1, height, width) > 0.93f).to(float32);

        using var noGrad = no_grad();
        var filled = image * (1 - mask) + mask;
        var expected = vaeB.Decode(mapping.call(vaeA.Encode(filled), mask));

        var (encode, attention, decode) = RestorationExporter.Scratch(
            StateOf(vaeA), StateOf(mapping), StateOf(vaeB));
        var valid = OnnxRun.Run(encode, ("image", image), ("mask", mask))["valid"];
        Assert.True(valid.eq(LatentMask.Valid(mask, height / 4, width / 4)).all().item<bool>(), "latent hole masks differ");

        using var model = new OnnxRestorationModel(
            new RestorationGraphs(null, Bytes(encode), Bytes(attention), Bytes(decode), null),
            new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu, IntraOpThreads = 2 }));
        float[] restored = model.RestoreScratch(image.data<float>().ToArray(), mask.data<float>().ToArray(), height, width, chunkRows: 17);

        double measured = Golden.AssertClose(expected, tensor(restored, [1, 3, height, width]),
            Golden.Tolerance("pipeline_scratch_tiny", "output"), $"scratch restoration {height}×{width}");
        output.WriteLine($"{height}×{width}: max relative difference {measured:E2}, {(int)(1 - valid).sum().item<float>()} latent holes");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Exported_quality_restoration_matches_TorchSharp(int height, int width)
    {
        using var scope = NewDisposeScope();
        var (vaeA, mapping, vaeB) = QualityNetworks(height * 7 + width);
        var image = rand(1, 3, height, width) * 2 - 1;
        using var noGrad = no_grad();
        var expected = vaeB.Decode(mapping.call(vaeA.Encode(image)));

        var graph = RestorationExporter.Quality(StateOf(vaeA), StateOf(mapping), StateOf(vaeB));
        using var model = new OnnxRestorationModel(
            new RestorationGraphs(Bytes(graph), null, null, null, null),
            new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu, IntraOpThreads = 2 }));
        float[] restored = model.RestoreQuality(image.data<float>().ToArray(), height, width);

        double measured = Golden.AssertClose(expected, tensor(restored, [1, 3, height, width]), 1e-4, $"quality restoration {height}×{width}");
        output.WriteLine($"{height}×{width}: max relative difference {measured:E2}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Quality_restoration_with_winograd_convolutions_matches_TorchSharp(int height, int width)
    {
        using var scope = NewDisposeScope();
        var (vaeA, mapping, vaeB) = QualityNetworks(height * 11 + width);
        var image = rand(2, 3, height, width) * 2 - 1;
        using var noGrad = no_grad();
        var expected = vaeB.Decode(mapping.call(vaeA.Encode(image)));

        // Every 3×3 convolution of the mapping and the VAEs with 16 channels or more (all of them at this width),
        // on latent sides 8, 9, 11 and 13, odd and even, with a batch of two.
        var graph = RestorationExporter.Quality(StateOf(vaeA), StateOf(mapping), StateOf(vaeB), winogradMinChannels: 16);
        int winogradLayers = graph.Graph.Node.Where(n => n.Name.StartsWith(OnnxWinograd.NodeNameStem, StringComparison.Ordinal))
            .Select(n => n.Name[..n.Name.IndexOf('/', StringComparison.Ordinal)]).Distinct().Count();
        Assert.True(winogradLayers >= 8, $"only {winogradLayers} convolutions were written in Winograd form");
        var restored = OnnxRun.Run(graph, ("image", image))["restored"];

        double measured = Golden.AssertClose(expected, restored, 1e-4, $"Winograd quality restoration {height}×{width}");
        output.WriteLine($"{height}×{width}, {winogradLayers} Winograd layers: max relative difference {measured:E2}");
        Assert.Equal(GraphCost.Measure(RestorationExporter.Quality(StateOf(vaeA), StateOf(mapping), StateOf(vaeB), int.MaxValue), "image").FlopsPerPixel,
            GraphCost.Measure(graph, "image").FlopsPerPixel, 6);
    }

    [Theory]
    [InlineData(32, 48)]
    [InlineData(64, 32)]
    [InlineData(48, 80)]
    public void Exported_detector_matches_TorchSharp(int height, int width)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(height + width);
        using var detector = (Tiny with { DetectorWf = 3 }).CreateDetector();
        detector.eval();
        var luma = rand(1, 1, height, width) * 2 - 1;
        using var noGrad = no_grad();
        var expected = detector.call(luma);

        var logits = OnnxRun.Run(DetectorGraph.Export(StateOf(detector)), ("luma", luma))["logits"];

        double measured = Golden.AssertClose(expected, logits, Golden.Tolerance("detector_unet_tiny", "output"), $"detector {height}×{width}");
        output.WriteLine($"detector {height}×{width}: max relative difference {measured:E2}");
    }

    private static Dictionary<string, Tensor> StateOf(nn.Module module) => module.state_dict();

    /// <summary>VAE A, the quality mapping and VAE B of the tiny preset, seeded and in evaluation mode.</summary>
    private static (VaeGenerator VaeA, MappingNetwork Mapping, VaeGenerator VaeB) QualityNetworks(int seed)
    {
        random.manual_seed(seed);
        var vaeA = Tiny.CreateVae();
        var vaeB = Tiny.CreateVae();
        var mapping = Tiny.CreateQualityMapping();
        vaeA.eval();
        vaeB.eval();
        mapping.eval();
        return (vaeA, mapping, vaeB);
    }

    private static byte[] Bytes(Onnx.ModelProto model) => Google.Protobuf.MessageExtensions.ToByteArray(model);
}
