using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

/// <summary>Case vae_full: the official VAE generator at full width (64), random official-init weights.</summary>
public sealed class GoldenVaeTests(ITestOutputHelper output)
{
    private const string Case = "vae_full";

    [Fact]
    public void Golden_vae_full_encode_matches_the_official_encoder()
    {
        using var scope = NewDisposeScope();
        using var vae = LoadEval();
        using var noGrad = no_grad();

        var latent = vae.Encode(Golden.Array("vae_full.input.npy"));

        Report("output_latent", Golden.Array("vae_full.output_latent.npy"), latent);
    }

    [Fact]
    public void Golden_vae_full_decode_of_the_golden_latent_matches_the_official_decoder()
    {
        using var scope = NewDisposeScope();
        using var vae = LoadEval();
        using var noGrad = no_grad();

        var decoded = vae.Decode(Golden.Array("vae_full.output_latent.npy"));

        Report("output_dec", Golden.Array("vae_full.output_dec.npy"), decoded);
    }

    [Fact]
    public void Golden_vae_full_forward_is_the_official_enc_dec_flow()
    {
        using var scope = NewDisposeScope();
        using var vae = LoadEval();
        using var noGrad = no_grad();

        var reconstructed = vae.call(Golden.Array("vae_full.input.npy"));

        Report("output_enc_dec", Golden.Array("vae_full.output_dec.npy"), reconstructed);
    }

    [Fact]
    public void Noisy_decode_differs_from_the_plain_decode_and_is_reproducible_with_a_seeded_generator()
    {
        using var scope = NewDisposeScope();
        using var vae = LoadEval();
        using var noGrad = no_grad();
        var latent = Golden.Array("vae_full.output_latent.npy");

        var plain = vae.Decode(latent);
        var noisy = vae.DecodeWithNoise(latent, new Generator(11));
        var again = vae.DecodeWithNoise(latent, new Generator(11));

        Assert.True(noisy.allclose(again, rtol: 0, atol: 0));
        // The seeded noise is drawn on the CPU generator, whatever device the code is on: pinned bit for bit.
        Assert.True(noisy.allclose(vae.Decode(latent + randn(latent.shape, latent.dtype, CPU, generator: new Generator(11))), rtol: 0, atol: 0));
        Assert.True((noisy - plain).abs().max().item<float>() > 1e-3f, "noise must change the decoded image");
        Assert.True(noisy.abs().max().item<float>() <= 1f, "the decoder ends in tanh");
    }

    [Fact]
    public void The_training_noise_scales_with_sigma_and_vanishes_at_zero()
    {
        using var scope = NewDisposeScope();
        using var vae = LoadEval();
        using var noGrad = no_grad();
        var latent = Golden.Array("vae_full.output_latent.npy");

        var plain = vae.Decode(latent);
        var silent = vae.DecodeWithNoise(latent, new Generator(11), sigma: 0);
        double full = (vae.DecodeWithNoise(latent, new Generator(11)) - plain).abs().mean().item<float>();
        double small = (vae.DecodeWithNoise(latent, new Generator(11), sigma: 0.1) - plain).abs().mean().item<float>();

        Assert.True(silent.allclose(plain, rtol: 0, atol: 0));
        Assert.True(small > 0 && small < full, $"σ 0.1 moved the image by {small}, σ 1 by {full}");
        Assert.Throws<ArgumentOutOfRangeException>(() => vae.DecodeWithNoise(latent, new Generator(11), sigma: -1));
    }

    private static VaeGenerator LoadEval()
    {
        var vae = OfficialCheckpoints.LoadVae(Golden.PathOf("vae_full.state_dict.pth"));
        vae.eval();
        return vae;
    }

    private void Report(string outputName, Tensor expected, Tensor actual)
    {
        double tolerance = Golden.Tolerance(Case, outputName);
        double relative = Golden.AssertClose(expected, actual, tolerance, $"{Case}.{outputName}");
        output.WriteLine($"GOLDEN {Case}.{outputName} rel={relative:E2} tol={tolerance:E0}");
    }
}
