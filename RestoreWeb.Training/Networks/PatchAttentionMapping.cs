using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The HR scratch mapping released in 2021 (official <c>Mapping_Model_with_mask_2</c>, mapping_exp 1), forwarded as
/// the official inference path does: widening convolutions and two residual blocks, patch attention at patch sizes
/// 8, 4 and 2 with two residual blocks between scales, then two residual blocks and the narrowing convolutions.
/// </summary>
public sealed class PatchAttentionMapping : nn.Module<Tensor, Tensor, Tensor>
{
    private const int BlocksPerStage = 2;

    private readonly Sequential before_NL;
    private readonly PatchAttentionBlock NL_scale_1;
    private readonly Sequential res_block_1;
    private readonly PatchAttentionBlock NL_scale_2;
    private readonly Sequential res_block_2;
    private readonly PatchAttentionBlock NL_scale_3;
    private readonly Sequential after_NL;

    public PatchAttentionMapping(long latentChannels = 64, long width = 512) : base(nameof(PatchAttentionMapping))
    {
        MappingLayers.Validate(latentChannels, width);
        LatentChannels = latentChannels;
        Width = width;
        before_NL = Layers.Indexed(
            MappingLayers.Widening(latentChannels, width).Concat(MappingLayers.ResidualBlocks(width, BlocksPerStage)));
        NL_scale_1 = new PatchAttentionBlock(width, 8);
        res_block_1 = Layers.Indexed(MappingLayers.ResidualBlocks(width, BlocksPerStage));
        NL_scale_2 = new PatchAttentionBlock(width, 4);
        res_block_2 = Layers.Indexed(MappingLayers.ResidualBlocks(width, BlocksPerStage));
        NL_scale_3 = new PatchAttentionBlock(width, 2);
        after_NL = Layers.Indexed(
            MappingLayers.ResidualBlocks(width, BlocksPerStage).Concat(MappingLayers.Narrowing(latentChannels, width)));
        RegisterComponents();
    }

    public long LatentChannels { get; }

    public long Width { get; }

    /// <param name="latent">VAE code N×nc×h×w.</param>
    /// <param name="mask">Scratch mask N×1×(4h)×(4w), 1 = scratch.</param>
    public override Tensor forward(Tensor latent, Tensor mask)
    {
        InputChecks.RequireImageBatch(latent, "HR patch-attention mapping", LatentChannels, 1);
        InputChecks.RequireMaskForLatent(latent, mask, "HR patch-attention mapping");
        using var scope = NewDisposeScope();
        var x = before_NL.call(latent);
        x = NL_scale_1.call(x, mask);
        x = res_block_1.call(x);
        x = NL_scale_2.call(x, mask);
        x = res_block_2.call(x);
        x = NL_scale_3.call(x, mask);
        return after_NL.call(x).MoveToOuterDisposeScope();
    }
}
