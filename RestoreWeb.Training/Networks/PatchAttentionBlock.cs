using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// One scale of the HR mapping (official <c>Patch_Attention_4</c>, run as its <c>inference_forward</c>): the latent
/// is cut into non-overlapping p×p patches; every patch that is mostly hole (more than 60 % of its positions) is
/// replaced by a hard copy of the valid patch with the highest cosine similarity; then <c>F_Combine</c> fuses the
/// block input, the composed map and the hole map with one 3×3 convolution.
/// </summary>
public sealed class PatchAttentionBlock : nn.Module<Tensor, Tensor, Tensor>
{
    private const double HolePatchFraction = 0.6;

    // Declaration order is the official key order: F_Combine before res_block.
    private readonly Conv2d F_Combine;
    private readonly Sequential res_block;

    public PatchAttentionBlock(long channels, long patchSize) : base(nameof(PatchAttentionBlock))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(patchSize, 1);
        Channels = channels;
        PatchSize = patchSize;
        // Input: block input, composed features and the one-channel hole map (the official 1025 = 2·512 + 1).
        F_Combine = nn.Conv2d(2 * channels + 1, channels, 3, stride: 1, padding: 1);
        res_block = Layers.Indexed(MappingLayers.ResidualBlocks(channels, 1));
        RegisterComponents();
    }

    public long Channels { get; }

    public long PatchSize { get; }

    /// <param name="input">Features N×C×h×w.</param>
    /// <param name="mask">Scratch mask N×1×(4h)×(4w), 1 = scratch.</param>
    public override Tensor forward(Tensor input, Tensor mask)
    {
        InputChecks.RequireImageBatch(input, "Patch attention block", Channels, 1);
        InputChecks.RequireMaskForLatent(input, mask, "Patch attention block");
        using var scope = NewDisposeScope();
        var features = res_block.call(input);
        var holes = LatentMask.HolesBilinear(mask.to(input.dtype), input.shape[2], input.shape[3]);

        // The official inference path handles one image; each batch item is treated the same way on its own.
        var composed = cat(
            Enumerable.Range(0, (int)input.shape[0])
                .Select(item => Compose(features.narrow(0, item, 1), holes.narrow(0, item, 1)))
                .ToList(),
            0);

        var fused = F_Combine.call(cat([input, composed, holes], 1));
        return fused.MoveToOuterDisposeScope();
    }

    private Tensor Compose(Tensor features, Tensor holes)
    {
        long height = features.shape[2], width = features.shape[3];
        var holeFraction = nn.functional.unfold(holes, PatchSize, stride: PatchSize).mean([1]);
        var isHolePatch = holeFraction.gt(HolePatchFraction).view(-1);
        var queryIndex = isHolePatch.nonzero().view(-1);
        var keyIndex = isHolePatch.logical_not().nonzero().view(-1);

        // No hole patch: nothing to fill. No valid patch: nothing to copy from (the official code fails here).
        if (queryIndex.shape[0] == 0 || keyIndex.shape[0] == 0)
        {
            return features;
        }

        var patches = nn.functional.unfold(features, PatchSize, stride: PatchSize);
        var keyPatches = patches.index_select(2, keyIndex);
        var queries = nn.functional.normalize(patches.index_select(2, queryIndex).permute(0, 2, 1), dim: 2);
        var keys = nn.functional.normalize(keyPatches, dim: 1);
        // Softmax before argmax as officially: float rounding of near-equal scores can change the winner.
        var best = nn.functional.softmax(queries.bmm(keys), 2).argmax(2).view(-1);
        var copied = keyPatches.index_select(2, best);
        var replaced = patches.index_copy(2, queryIndex, copied);

        // Positions outside the last whole patch come back as zeros, exactly as the official fold leaves them.
        return nn.functional.fold(replaced, (height, width), (PatchSize, PatchSize), stride: (PatchSize, PatchSize));
    }
}
