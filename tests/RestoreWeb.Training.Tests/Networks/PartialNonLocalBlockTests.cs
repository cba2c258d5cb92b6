using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

public sealed class PartialNonLocalBlockTests
{
    [Fact]
    public void With_no_scratch_the_block_returns_its_input_unchanged()
    {
        using var scope = NewDisposeScope();
        using var block = RandomBlock();
        var input = randn(1, 16, 6, 10, generator: new Generator(1));

        var result = block.call(input, zeros(1, 1, 24, 40));

        Assert.True(result.equal(input).all().item<bool>());
    }

    [Fact]
    public void Valid_positions_keep_their_input_and_hole_positions_change()
    {
        using var scope = NewDisposeScope();
        using var block = RandomBlock();
        var input = randn(1, 16, 6, 10, generator: new Generator(2));
        var mask = zeros(1, 1, 24, 40);
        mask[0, 0, TensorIndex.Slice(8, 12), TensorIndex.Slice(8, 20)] = tensor(1f);
        var holes = (1 - LatentMask.Valid(mask, 6, 10)).to(ScalarType.Bool).expand(1, 16, 6, 10);

        var result = block.call(input, mask);

        Assert.True(result.masked_select(holes.logical_not()).equal(input.masked_select(holes.logical_not())).all().item<bool>());
        Assert.True((result - input).abs().masked_select(holes).min().item<float>() > 0f);
    }

    [Fact]
    public void With_every_position_a_hole_the_output_is_finite()
    {
        using var scope = NewDisposeScope();
        using var block = RandomBlock();
        var input = randn(2, 16, 4, 4, generator: new Generator(3));

        var result = block.call(input, ones(2, 1, 16, 16));

        Assert.False(result.isnan().any().item<bool>());
        Assert.False(result.isinf().any().item<bool>());
    }

    [Fact]
    public void A_mask_that_is_not_at_four_times_the_latent_size_is_rejected_with_both_shapes()
    {
        using var scope = NewDisposeScope();
        using var block = RandomBlock();
        var input = randn(1, 16, 6, 10);

        var error = Assert.Throws<ArgumentException>(() => block.call(input, zeros(1, 1, 6, 10)));

        Assert.Contains("[1, 1, 24, 40]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 1, 6, 10]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void W_starts_at_zero_as_officially_and_official_init_overwrites_it()
    {
        using var block = new PartialNonLocalBlock(8, 1);
        var w = block.named_parameters().Single(p => p.name == "W.weight").parameter;
        Assert.Equal(0f, w.abs().max().item<float>());

        OfficialInitialization.Apply(block);

        Assert.True(w.abs().max().item<float>() > 0f);
    }

    private static PartialNonLocalBlock RandomBlock()
    {
        var block = Deterministic.Initialise(new PartialNonLocalBlock(16, 1), seed: 5);
        block.eval();
        return block;
    }
}
