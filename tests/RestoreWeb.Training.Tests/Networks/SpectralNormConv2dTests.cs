using RestoreWeb.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

public sealed class SpectralNormConv2dTests
{
    [Fact]
    public void A_training_forward_runs_one_power_iteration_then_divides_by_sigma_from_the_new_vectors()
    {
        using var scope = NewDisposeScope();
        using var conv = new SpectralNormConv2d(3, 5, 4, stride: 2, padding: 2);
        conv.train();
        var matrix = conv.WeightOrig.detach().reshape(5, -1);
        var expectedV = nn.functional.normalize(matrix.t().mv(conv.WeightU), dim: 0);
        var expectedU = nn.functional.normalize(matrix.mv(expectedV), dim: 0);
        var input = randn(2, 3, 9, 9);

        var result = conv.call(input);

        Assert.True(conv.WeightV.allclose(expectedV, rtol: 1e-5, atol: 1e-6));
        Assert.True(conv.WeightU.allclose(expectedU, rtol: 1e-5, atol: 1e-6));
        var sigma = expectedU.dot(matrix.mv(expectedV));
        var bias = conv.named_parameters().Single(p => p.name == "bias").parameter;
        var expected = nn.functional.conv2d(input, conv.WeightOrig / sigma, bias, strides: [2, 2], padding: [2, 2]);
        Assert.True((result - expected).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void Repeated_training_forwards_converge_to_the_largest_singular_value()
    {
        using var scope = NewDisposeScope();
        using var conv = new SpectralNormConv2d(4, 6, 3, stride: 1, padding: 1);
        conv.train();
        // A dominant rank-one part makes σ1 ≥ 2·σ2, so 200 power iterations converge whatever the random start.
        var generator = new Generator(13);
        using (no_grad())
        {
            var left = randn(6, 1, generator: generator);
            var right = randn(1, 36, generator: generator);
            conv.WeightOrig.copy_((randn(6, 36, generator: generator) * 0.1 + left.mm(right)).reshape(6, 4, 3, 3));
        }

        using (no_grad())
        {
            for (int i = 0; i < 200; i++)
            {
                conv.call(zeros(1, 4, 3, 3));
            }
        }

        var largest = linalg.svdvals(conv.WeightOrig.detach().reshape(6, -1))[0].item<float>();
        Assert.InRange(conv.Sigma().item<float>(), largest * 0.999f, largest * 1.0001f);
    }

    [Fact]
    public void Gradients_reach_the_unnormalised_weight_and_the_bias()
    {
        using var scope = NewDisposeScope();
        using var conv = new SpectralNormConv2d(2, 3, 4, stride: 2, padding: 2);
        conv.train();

        conv.call(randn(1, 2, 8, 8)).square().sum().backward();

        Assert.All(conv.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0f));
    }

    [Fact]
    public void Several_training_forwards_in_one_graph_can_be_back_propagated_together()
    {
        using var scope = NewDisposeScope();
        using var discriminator = new MultiscaleDiscriminator(6, 4, 2, 2, spectralNorm: true);
        discriminator.train();

        var fake = discriminator.call(randn(2, 6, 16, 16));
        var real = discriminator.call(randn(2, 6, 16, 16));
        (fake[0][^1].mean() - real[1][^1].mean()).backward();

        Assert.All(discriminator.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Evaluation_uses_the_stored_vectors_without_updating_them()
    {
        using var scope = NewDisposeScope();
        using var conv = new SpectralNormConv2d(3, 4, 4, stride: 1, padding: 2);
        conv.eval();
        var u = conv.WeightU.clone();
        var v = conv.WeightV.clone();
        var input = randn(1, 3, 6, 6);

        var result = conv.call(input);

        Assert.True(conv.WeightU.equal(u).all().item<bool>());
        Assert.True(conv.WeightV.equal(v).all().item<bool>());
        var bias = conv.named_parameters().Single(p => p.name == "bias").parameter;
        var expected = nn.functional.conv2d(input, conv.NormalizedWeight(), bias, strides: [1, 1], padding: [2, 2]);
        Assert.True((result - expected).abs().max().item<float>() < 1e-6f);
    }
}
