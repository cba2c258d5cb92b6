using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Export;
using RestoreWeb.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Export;

/// <summary>
/// The exported ONNX graphs, run in ONNX Runtime, reproduce the official classes' golden outputs within the
/// manifest's tolerances: the export is checked against the reference itself, not only against our TorchSharp port.
/// </summary>
public sealed class GoldenExportTests(ITestOutputHelper output)
{
    [Fact]
    public void Golden_exported_vae_encoder_and_decoder_match()
    {
        using var scope = NewDisposeScope();
        using var vae = Golden.StateDict("vae_full.state_dict.pth");

        var encoder = new OnnxGraphBuilder("encoder", vae);
        encoder.Output("latent", VaeGraph.Encode(encoder, encoder.Input("image", 1, 3, "h", "w")), 1, 64, "lh", "lw");
        var latent = OnnxRun.Run(encoder.Build("test"), ("image", Golden.Array("vae_full.input.npy")))["latent"];
        Report("vae encoder", Golden.Array("vae_full.output_latent.npy"), latent, Golden.Tolerance("vae_full", "output_latent"));

        var decoder = new OnnxGraphBuilder("decoder", vae);
        decoder.Output("image", VaeGraph.Decode(decoder, decoder.Input("latent", 1, 64, "h", "w")), 1, 3, "H", "W");
        var image = OnnxRun.Run(decoder.Build("test"), ("latent", Golden.Array("vae_full.output_latent.npy")))["image"];
        Report("vae decoder", Golden.Array("vae_full.output_dec.npy"), image, Golden.Tolerance("vae_full", "output_dec"));
    }

    [Fact]
    public void Golden_exported_quality_mapping_matches_through_the_key_map()
    {
        using var scope = NewDisposeScope();
        using var scratch = Golden.StateDict("mapping_scratch_tiny.state_dict.pth");
        var quality = QualityKeysFromScratch(scratch);

        var g = new OnnxGraphBuilder("mapping", quality);
        g.Output("mapped", MappingGraph.Quality(g, g.Input("latent", 1, 64, "h", "w")), 1, 64, "h", "w");
        var mapped = OnnxRun.Run(g.Build("test"), ("latent", Golden.Array("mapping_quality_tiny.input_latent.npy")))["mapped"];

        Report("quality mapping", Golden.Array("mapping_quality_tiny.output.npy"), mapped,
            Golden.Tolerance("mapping_quality_tiny", "output"));
    }

    [Fact]
    public void Golden_exported_detector_matches()
    {
        using var scope = NewDisposeScope();
        using var detector = Golden.StateDict("detector_unet_tiny.state_dict.pth");

        var logits = OnnxRun.Run(DetectorGraph.Export(detector), ("luma", Golden.Array("detector_unet_tiny.input.npy")))["logits"];

        Report("detector", Golden.Array("detector_unet_tiny.output.npy"), logits, Golden.Tolerance("detector_unet_tiny", "output"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(1024)]
    public void Golden_scratch_pipeline_through_the_chunked_graphs_matches(int chunkRows)
    {
        using var scope = NewDisposeScope();
        using var vaeA = Golden.StateDict("vae_full.state_dict.pth");
        using var mapping = Golden.StateDict("mapping_scratch_tiny.state_dict.pth");
        using var vaeB = Golden.StateDict("pipeline_scratch_tiny.vaeB_decoder.state_dict.pth");
        var (encode, attention, decode) = RestorationExporter.Scratch(vaeA, mapping, vaeB);
        using var model = new OnnxRestorationModel(
            new RestorationGraphs(null, Bytes(encode), Bytes(attention), Bytes(decode), null),
            new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu, IntraOpThreads = 2 }));
        var image = Golden.Array("pipeline_scratch_tiny.input_image.npy");
        var mask = Golden.Array("pipeline_scratch_tiny.input_mask.npy");

        float[] restored = model.RestoreScratch(image.data<float>().ToArray(), mask.data<float>().ToArray(), 64, 96, chunkRows);

        Report($"scratch pipeline, {chunkRows}-row chunks", Golden.Array("pipeline_scratch_tiny.output.npy"),
            tensor(restored, [1, 3, 64, 96]), Golden.Tolerance("pipeline_scratch_tiny", "output"));
    }

    [Fact]
    public void Golden_exported_encode_graph_finds_the_official_latent_holes()
    {
        using var scope = NewDisposeScope();
        using var vaeA = Golden.StateDict("vae_full.state_dict.pth");
        using var mapping = Golden.StateDict("mapping_scratch_tiny.state_dict.pth");
        using var vaeB = Golden.StateDict("pipeline_scratch_tiny.vaeB_decoder.state_dict.pth");
        var encode = RestorationExporter.Scratch(vaeA, mapping, vaeB).Encode;

        foreach (var (maskFile, holes) in new[] { ("pipeline_scratch_tiny.input_mask.npy", 36), ("mapping_scratch_tiny.input_mask.npy", 41) })
        {
            var mask = Golden.Array(maskFile);
            var outputs = OnnxRun.Run(encode, ("image", zeros(1, 3, 64, 96)), ("mask", mask));
            var valid = outputs["valid"];

            Assert.Equal(new long[] { 1, 1, 16, 24 }, valid.shape);
            Assert.Equal(holes, (int)(1 - valid).sum().item<float>());
            Assert.True(valid.eq(RestoreWeb.Training.Networks.LatentMask.Valid(mask, 16, 24)).all().item<bool>(), maskFile);
        }
    }

    private static byte[] Bytes(Onnx.ModelProto model) => Google.Protobuf.MessageExtensions.ToByteArray(model);

    /// <summary>Applies the manifest's key map from the scratch mapping to Mapping_Model (NL.* is dropped).</summary>
    private static Dictionary<string, Tensor> QualityKeysFromScratch(StateDict scratch)
    {
        var prefixes = Golden.Case("mapping_quality_tiny").GetProperty("state_dict_from").GetProperty("key_map_prefix")
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        var map = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in scratch)
        {
            string[] parts = key.Split('.');
            if (parts.Length > 2 && prefixes.TryGetValue($"{parts[0]}.{parts[1]}", out string? renamed))
            {
                map[renamed + key[(parts[0].Length + parts[1].Length + 1)..]] = value;
            }
        }
        return map;
    }

    private void Report(string label, Tensor expected, Tensor actual, double tolerance)
    {
        double measured = Golden.AssertClose(expected, actual, tolerance, label);
        output.WriteLine($"{label}: max relative difference {measured:E2} (tolerance {tolerance:E0})");
    }
}
