using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

/// <summary>
/// Cases discriminator_tiny (6 channels, 2 scales, spectral norm from stored u/v) and discriminator_latent_tiny
/// (64 channels, 1 scale): every intermediate feature map.
/// </summary>
public sealed class GoldenDiscriminatorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("discriminator_tiny", 6, 2, true)]
    [InlineData("discriminator_latent_tiny", 64, 1, false)]
    public void Golden_discriminator_every_feature_map_matches(string caseName, long channels, int scales, bool spectral)
    {
        using var scope = NewDisposeScope();
        using var discriminator = OfficialCheckpoints.LoadDiscriminator(Golden.PathOf($"{caseName}.state_dict.pth"));
        Assert.Equal(channels, discriminator.InputChannels);
        Assert.Equal(8, discriminator.Width);
        Assert.Equal(scales, discriminator.Scales);
        Assert.Equal(spectral, discriminator.SpectralNorm);
        discriminator.eval();
        using var noGrad = no_grad();

        var features = discriminator.call(Golden.Array($"{caseName}.input.npy"));

        Assert.Equal(scales, features.Length);
        Assert.All(features, f => Assert.Equal(5, f.Length));
        int compared = 0;
        foreach (var expectedOutput in Golden.Case(caseName).GetProperty("outputs").EnumerateArray())
        {
            string name = expectedOutput.GetProperty("name").GetString()!;
            var index = expectedOutput.GetProperty("forward_index").EnumerateArray().Select(i => i.GetInt32()).ToArray();
            double tolerance = expectedOutput.GetProperty("tolerance_rel_to_max_abs").GetDouble();
            var expected = Golden.Array(expectedOutput.GetProperty("file").GetString()!);

            double relative = Golden.AssertClose(expected, features[index[0]][index[1]], tolerance, $"{caseName}.{name}");
            output.WriteLine($"GOLDEN {caseName}.{name} rel={relative:E2} tol={tolerance:E0}");
            compared++;
        }

        Assert.Equal(scales * 5, compared);
    }

    [Fact]
    public void Golden_discriminator_tiny_sigma_comes_from_the_stored_vectors_not_the_true_spectral_norm()
    {
        using var scope = NewDisposeScope();
        using var discriminator = OfficialCheckpoints.LoadDiscriminator(Golden.PathOf("discriminator_tiny.state_dict.pth"));
        discriminator.eval();
        var convolutions = discriminator.named_modules()
            .Where(m => m.module is SpectralNormConv2d)
            .ToDictionary(m => m.name, m => (SpectralNormConv2d)m.module, StringComparer.Ordinal);

        var expectations = Golden.Case("discriminator_tiny").GetProperty("spectral_norm").EnumerateObject().ToList();
        Assert.Equal(10, expectations.Count);
        foreach (var layer in expectations)
        {
            double stored = layer.Value.GetProperty("sigma_from_stored_u_v").GetDouble();
            double sigma = convolutions[layer.Name].Sigma().item<float>();
            Assert.True(Math.Abs(sigma - stored) <= 1e-5 * stored, $"{layer.Name}: σ {sigma} vs stored {stored}");
        }
    }

    [Fact]
    public void Evaluation_forwards_leave_the_spectral_norm_vectors_unchanged()
    {
        using var scope = NewDisposeScope();
        using var discriminator = OfficialCheckpoints.LoadDiscriminator(Golden.PathOf("discriminator_tiny.state_dict.pth"));
        discriminator.eval();
        var before = StateDictEntries.Of(discriminator).ToDictionary(e => e.Key, e => e.Value.clone());
        using var noGrad = no_grad();

        discriminator.call(Golden.Array("discriminator_tiny.input.npy"));
        discriminator.call(Golden.Array("discriminator_tiny.input.npy"));

        Assert.All(StateDictEntries.Of(discriminator), e => Assert.True(e.Value.equal(before[e.Key]).all().item<bool>(), e.Key));
    }
}
