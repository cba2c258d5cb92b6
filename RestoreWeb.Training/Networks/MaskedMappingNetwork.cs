using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The latent mapping for photos with scratches (official <c>Mapping_Model_with_mask</c>, "Setting_42"):
/// widening convolutions (<c>before_NL</c>), the <see cref="PartialNonLocalBlock"/> (<c>NL</c>), then residual
/// blocks and narrowing convolutions (<c>after_NL</c>). The local branch of the paper is the identity here: valid
/// positions pass through the block unchanged and both branches share <c>after_NL</c>.
/// </summary>
public sealed class MaskedMappingNetwork : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Sequential before_NL;
    private readonly PartialNonLocalBlock NL;
    private readonly Sequential after_NL;

    public MaskedMappingNetwork(long latentChannels = 64, long width = 512, int blocks = 6, int nonLocalResidualBlocks = 3)
        : base(nameof(MaskedMappingNetwork))
    {
        MappingLayers.Validate(latentChannels, width);
        LatentChannels = latentChannels;
        Width = width;
        Blocks = blocks;
        before_NL = Layers.Indexed(MappingLayers.Widening(latentChannels, width));
        NL = new PartialNonLocalBlock(width, nonLocalResidualBlocks);
        after_NL = Layers.Indexed(
            MappingLayers.ResidualBlocks(width, blocks).Concat(MappingLayers.Narrowing(latentChannels, width)));
        RegisterComponents();
    }

    public long LatentChannels { get; }

    public long Width { get; }

    public int Blocks { get; }

    /// <summary>The non-local block, e.g. to choose its attention form or chunk size.</summary>
    public PartialNonLocalBlock NonLocal => NL;

    /// <param name="latent">VAE code N×nc×h×w of the hole-filled image.</param>
    /// <param name="mask">Scratch mask at image resolution N×1×(4h)×(4w), 1 = scratch.</param>
    public override Tensor forward(Tensor latent, Tensor mask)
    {
        InputChecks.RequireImageBatch(latent, "Scratch mapping", LatentChannels, 1);
        InputChecks.RequireMaskForLatent(latent, mask, "Scratch mapping");
        using var scope = NewDisposeScope();
        var widened = before_NL.call(latent);
        var filled = NL.call(widened, mask);
        return after_NL.call(filled).MoveToOuterDisposeScope();
    }
}
