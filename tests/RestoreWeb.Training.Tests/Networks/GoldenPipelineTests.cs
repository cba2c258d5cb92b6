using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

/// <summary>
/// Case pipeline_scratch_tiny, stage by stage from the stored intermediates (the manifest's staged check): VAE A's
/// encoder, the scratch mapping, VAE B's decoder (stored as its decoder half only).
/// </summary>
public sealed class GoldenPipelineTests(ITestOutputHelper output)
{
    private const string Case = "pipeline_scratch_tiny";

    [Fact]
    public void Golden_pipeline_input_is_the_image_with_scratches_painted_white()
    {
        using var scope = NewDisposeScope();
        var image = Golden.Array("pipeline_scratch_tiny.input_image.npy");
        var mask = Golden.Array("pipeline_scratch_tiny.input_mask.npy");

        var holeFilled = image * (1 - mask) + mask;

        Assert.True(holeFilled.allclose(Golden.Array("pipeline_scratch_tiny.input_holefilled.npy"), rtol: 0, atol: 1e-7));
    }

    [Fact]
    public void Golden_pipeline_stage_1_encoder_of_vae_A_matches()
    {
        using var scope = NewDisposeScope();
        using var vaeA = OfficialCheckpoints.LoadVae(Golden.PathOf("vae_full.state_dict.pth"));
        vaeA.eval();
        using var noGrad = no_grad();

        var latent = vaeA.Encode(Golden.Array("pipeline_scratch_tiny.input_holefilled.npy"));

        Report(
            "encoder(input_holefilled) vs intermediate_latent",
            "intermediate_latent",
            Golden.Array("pipeline_scratch_tiny.intermediate_latent.npy"),
            latent);
    }

    [Fact]
    public void Golden_pipeline_stage_2_scratch_mapping_matches()
    {
        using var scope = NewDisposeScope();
        using var mapping = OfficialCheckpoints.LoadScratchMapping(Golden.PathOf("mapping_scratch_tiny.state_dict.pth"));
        mapping.eval();
        using var noGrad = no_grad();

        var mapped = mapping.call(
            Golden.Array("pipeline_scratch_tiny.intermediate_latent.npy"),
            Golden.Array("pipeline_scratch_tiny.input_mask.npy"));

        Report(
            "mapping(intermediate_latent, input_mask) vs intermediate_mapped",
            "intermediate_mapped",
            Golden.Array("pipeline_scratch_tiny.intermediate_mapped.npy"),
            mapped);
    }

    [Fact]
    public void Golden_pipeline_stage_3_decoder_of_vae_B_loaded_from_its_decoder_half_matches()
    {
        using var scope = NewDisposeScope();
        using var decoderHalf = Golden.StateDict("pipeline_scratch_tiny.vaeB_decoder.state_dict.pth");
        Assert.All(decoderHalf.Keys, key => Assert.StartsWith("decoder.", key, StringComparison.Ordinal));
        Assert.Equal(22, decoderHalf.Count);
        using var vaeB = new VaeGenerator(64);
        StateDictLoader.LoadStrict(vaeB.Decoder, decoderHalf.WithPrefix("decoder."), "VAE B decoder half");
        vaeB.eval();
        using var noGrad = no_grad();

        var restored = vaeB.Decode(Golden.Array("pipeline_scratch_tiny.intermediate_mapped.npy"));

        Report("vaeB.decoder(intermediate_mapped) vs output", "output", Golden.Array("pipeline_scratch_tiny.output.npy"), restored);
    }

    [Fact]
    public void Golden_pipeline_end_to_end_matches_within_the_case_tolerances()
    {
        using var scope = NewDisposeScope();
        using var vaeA = OfficialCheckpoints.LoadVae(Golden.PathOf("vae_full.state_dict.pth"));
        using var mapping = OfficialCheckpoints.LoadScratchMapping(Golden.PathOf("mapping_scratch_tiny.state_dict.pth"));
        using var decoderHalf = Golden.StateDict("pipeline_scratch_tiny.vaeB_decoder.state_dict.pth");
        using var vaeB = new VaeGenerator(64);
        StateDictLoader.LoadStrict(vaeB.Decoder, decoderHalf.WithPrefix("decoder."), "VAE B decoder half");
        vaeA.eval();
        mapping.eval();
        vaeB.eval();
        using var noGrad = no_grad();
        var image = Golden.Array("pipeline_scratch_tiny.input_image.npy");
        var mask = Golden.Array("pipeline_scratch_tiny.input_mask.npy");

        var latent = vaeA.Encode(image * (1 - mask) + mask);
        var mapped = mapping.call(latent, mask);
        var restored = vaeB.Decode(mapped);

        foreach (var (name, actual) in new[] { ("intermediate_latent", latent), ("intermediate_mapped", mapped), ("output", restored) })
        {
            double tolerance = Golden.Tolerance(Case, name);
            double relative = Golden.AssertClose(Golden.Array($"pipeline_scratch_tiny.{name}.npy"), actual, tolerance, $"{Case}.{name}");
            output.WriteLine($"GOLDEN {Case}.{name} (end to end) rel={relative:E2} tol={tolerance:E0}");
        }
    }

    private void Report(string stage, string outputName, Tensor expected, Tensor actual)
    {
        double tolerance = Golden.StagedTolerance(stage);
        Assert.True(tolerance <= Golden.Tolerance(Case, outputName), "staged tolerances are the tighter ones");
        double relative = Golden.AssertClose(expected, actual, tolerance, $"{Case} {stage}");
        output.WriteLine($"GOLDEN {Case} [{stage}] rel={relative:E2} tol={tolerance:E0}");
    }
}
