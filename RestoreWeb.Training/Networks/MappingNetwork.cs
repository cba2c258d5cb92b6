using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The latent mapping for photos without structured damage (official <c>Mapping_Model</c>, "quality" mode): one
/// Sequential <c>model</c> of widening convolutions, <see cref="Blocks"/> residual blocks at the mapping width and
/// narrowing convolutions back to the latent width.
/// </summary>
public sealed class MappingNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Sequential model;

    public MappingNetwork(long latentChannels = 64, long width = 512, int blocks = 6) : base(nameof(MappingNetwork))
    {
        MappingLayers.Validate(latentChannels, width);
        LatentChannels = latentChannels;
        Width = width;
        Blocks = blocks;
        model = Layers.Indexed(
            MappingLayers.Widening(latentChannels, width)
                .Concat(MappingLayers.ResidualBlocks(width, blocks))
                .Concat(MappingLayers.Narrowing(latentChannels, width)));
        RegisterComponents();
    }

    public long LatentChannels { get; }

    public long Width { get; }

    public int Blocks { get; }

    public override Tensor forward(Tensor input)
    {
        InputChecks.RequireImageBatch(input, "Quality mapping", LatentChannels, 1);
        return model.call(input);
    }
}
