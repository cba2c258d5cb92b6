using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>Which of the two equal forms of the masked attention a <see cref="PartialNonLocalBlock"/> runs.</summary>
public enum AttentionForm
{
    /// <summary>Rows in chunks, never an N×N tensor (<see cref="MaskedAttention.Chunked"/>).</summary>
    Chunked,

    /// <summary>The official dense N×N computation (<see cref="MaskedAttention.Dense"/>), kept as a reference.</summary>
    Dense,
}

/// <summary>
/// The global branch of the scratch mapping (official <c>NonLocalBlock2D_with_mask_Res</c> with
/// correlation_renormalize, "combine" fusion, temperature 1, no self-attention, no cosine similarity): hole positions
/// of the latent are replaced by <c>res_block(W(attention over valid positions))</c>; valid positions keep their input.
/// </summary>
public sealed class PartialNonLocalBlock : nn.Module<Tensor, Tensor, Tensor>
{
    // Declaration order is the official registration order (g, W, theta, phi, res_block) and so the key order.
    private readonly Conv2d g;
    private readonly Conv2d W;
    private readonly Conv2d theta;
    private readonly Conv2d phi;
    private readonly Sequential res_block;

    public PartialNonLocalBlock(long channels, int residualBlocks = 3) : base(nameof(PartialNonLocalBlock))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        Channels = channels;
        ResidualBlocks = residualBlocks;
        g = nn.Conv2d(channels, channels, 1);
        W = nn.Conv2d(channels, channels, 1);
        theta = nn.Conv2d(channels, channels, 1);
        phi = nn.Conv2d(channels, channels, 1);
        res_block = Layers.Indexed(MappingLayers.ResidualBlocks(channels, residualBlocks));

        // The block starts as "no change" in the official code; the mapping's weights_init overwrites W.weight later.
        using (no_grad())
        {
            nn.init.zeros_(W.weight);
            nn.init.zeros_(W.bias);
        }

        RegisterComponents();
    }

    public long Channels { get; }

    public int ResidualBlocks { get; }

    /// <summary>Chunked by default; both forms give the same values.</summary>
    public AttentionForm Attention { get; set; } = AttentionForm.Chunked;

    /// <summary>Query rows per chunk of the chunked form; null picks a size from a fixed memory budget.</summary>
    public long? AttentionRowChunk { get; set; }

    /// <param name="input">Latent features N×C×h×w.</param>
    /// <param name="mask">Full-resolution scratch mask N×1×(4h)×(4w), 1 = scratch.</param>
    public override Tensor forward(Tensor input, Tensor mask)
    {
        InputChecks.RequireImageBatch(input, "Partial non-local block", Channels, 1);
        InputChecks.RequireMaskForLatent(input, mask, "Partial non-local block");
        using var scope = NewDisposeScope();
        long batch = input.shape[0], height = input.shape[2], width = input.shape[3];
        long positions = height * width;

        var valid = LatentMask.Valid(mask.to(input.dtype), height, width);
        var values = g.call(input).view(batch, Channels, positions).permute(0, 2, 1);
        var queries = theta.call(input).view(batch, Channels, positions).permute(0, 2, 1);
        var keys = phi.call(input).view(batch, Channels, positions);
        var keyValidity = valid.view(batch, positions);

        var attended = Attention == AttentionForm.Dense
            ? MaskedAttention.Dense(queries, keys, values, keyValidity)
            : MaskedAttention.Chunked(queries, keys, values, keyValidity, AttentionRowChunk);
        var global = attended.permute(0, 2, 1).contiguous().view(batch, Channels, height, width);
        var filled = res_block.call(W.call(global));

        var result = valid * input + (1 - valid) * filled;
        return result.MoveToOuterDisposeScope();
    }
}
