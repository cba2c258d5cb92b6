using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Support;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

/// <summary>The HR patch attention, against a direct per-patch reference of the official inference path.</summary>
public sealed class PatchAttentionTests
{
    private const long Channels = 6;

    [Fact]
    public void Without_hole_patches_the_composed_map_is_the_block_features()
    {
        using var scope = NewDisposeScope();
        using var block = NewBlock(patch: 2);
        var input = randn(1, Channels, 6, 8, generator: new Generator(4));
        var mask = zeros(1, 1, 24, 32);

        var result = block.call(input, mask);

        var (combine, residual) = Parts(block);
        var expected = combine.call(cat([input, residual.call(input), zeros(1, 1, 6, 8)], 1));
        Assert.True((result - expected).abs().max().item<float>() < 1e-6f);
    }

    [Theory]
    [InlineData(2, 6, 8)]
    [InlineData(4, 6, 10)]
    public void Hole_patches_become_hard_copies_of_the_most_similar_valid_patch(long patch, long height, long width)
    {
        using var scope = NewDisposeScope();
        using var block = NewBlock(patch);
        var generator = new Generator(8);
        var input = randn(1, Channels, height, width, generator: generator);
        var mask = rand(1, 1, height * 4, width * 4, generator: generator).lt(0.01).to(float32);
        mask[0, 0, TensorIndex.Slice(0, 16), TensorIndex.Slice(0, 16)] = tensor(1f);

        var result = block.call(input, mask);

        var (combine, residual) = Parts(block);
        var features = residual.call(input);
        var holes = LatentMask.HolesBilinear(mask, height, width);
        var composed = ReferenceCompose(features, holes, patch);
        var expected = combine.call(cat([input, composed, holes], 1));
        Assert.True((result - expected).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void The_HR_mapping_runs_at_a_narrow_width_and_rejects_a_mask_of_the_wrong_size()
    {
        using var scope = NewDisposeScope();
        using var mapping = Deterministic.Initialise(new PatchAttentionMapping(latentChannels: 4, width: 8), seed: 3);
        mapping.eval();
        var latent = randn(1, 4, 16, 12);
        var mask = zeros(1, 1, 64, 48);
        mask[0, 0, TensorIndex.Slice(10, 40), TensorIndex.Slice(4, 30)] = tensor(1f);

        var result = mapping.call(latent, mask);

        Assert.Equal(new long[] { 1, 4, 16, 12 }, result.shape);
        Assert.False(result.isnan().any().item<bool>());
        Assert.Throws<ArgumentException>(() => mapping.call(latent, zeros(1, 1, 16, 12)));
    }

    /// <summary>
    /// A patch with more than 60 % hole positions takes the values of the non-hole patch whose flattened features
    /// have the highest cosine similarity with it; positions outside the last whole patch are zero.
    /// </summary>
    private static Tensor ReferenceCompose(Tensor features, Tensor holes, long patch)
    {
        long height = features.shape[2], width = features.shape[3];
        long rows = height / patch, columns = width / patch;
        var composed = zeros_like(features);
        var patches = new List<(long Row, long Column, Tensor Values, bool Hole)>();
        for (long r = 0; r < rows; r++)
        {
            for (long c = 0; c < columns; c++)
            {
                var rowRange = TensorIndex.Slice(r * patch, (r + 1) * patch);
                var columnRange = TensorIndex.Slice(c * patch, (c + 1) * patch);
                var values = features[0, .., rowRange, columnRange];
                bool hole = holes[0, 0, rowRange, columnRange].mean().item<float>() > 0.6f;
                patches.Add((r, c, values, hole));
            }
        }

        var valid = patches.Where(p => !p.Hole).ToList();
        Assert.NotEmpty(valid);
        Assert.Contains(patches, p => p.Hole);
        foreach (var p in patches)
        {
            var source = p.Hole ? valid.MaxBy(v => Cosine(p.Values, v.Values)).Values : p.Values;
            var targetRows = TensorIndex.Slice(p.Row * patch, (p.Row + 1) * patch);
            var targetColumns = TensorIndex.Slice(p.Column * patch, (p.Column + 1) * patch);
            composed[0, .., targetRows, targetColumns] = source;
        }

        return composed;
    }

    private static float Cosine(Tensor a, Tensor b) =>
        nn.functional.cosine_similarity(a.flatten().unsqueeze(0), b.flatten().unsqueeze(0)).item<float>();

    private static PatchAttentionBlock NewBlock(long patch)
    {
        var block = Deterministic.Initialise(new PatchAttentionBlock(Channels, patch), seed: 17);
        block.eval();
        return block;
    }

    private static (Conv2d Combine, Sequential Residual) Parts(PatchAttentionBlock block)
    {
        var children = block.named_children().ToDictionary(c => c.name, c => c.module, StringComparer.Ordinal);
        return ((Conv2d)children["F_Combine"], (Sequential)children["res_block"]);
    }
}
