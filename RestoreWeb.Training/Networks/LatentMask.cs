using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// How a full-resolution scratch mask (1 = scratch) becomes a per-position validity map of a latent.
/// </summary>
public static class LatentMask
{
    /// <summary>
    /// The official rule of the partial non-local block: a latent position is valid only if it is hole-free under
    /// both resizes, bilinear (align_corners = false) where any value above 0 counts as a hole, and legacy "nearest"
    /// (source index floor(dst·in/out)). For sides that are multiples of 4 this means latent (i, j) is a hole iff a
    /// scratch touches pixels (4i+1..4i+2, 4j+1..4j+2) or pixel (4i, 4j); a one-pixel scratch lying only on rows or
    /// columns 4k+3 is invisible to the block, exactly as in the released model.
    /// </summary>
    /// <returns>N×1×h×w, 1 where the latent position is valid (may be fractional for a non-binary mask).</returns>
    public static Tensor Valid(Tensor mask, long height, long width)
    {
        using var scope = NewDisposeScope();
        var size = new[] { height, width };
        var smooth = nn.functional.interpolate(mask, size, mode: InterpolationMode.Bilinear, align_corners: false);
        var bilinearValid = 1 - smooth.gt(0).to(mask.dtype);
        var nearestValid = nn.functional.interpolate(1 - mask, size, mode: InterpolationMode.Nearest);
        return (bilinearValid * nearestValid).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The rule of the HR patch-attention block: bilinear (align_corners = false) and any value above 0 is a hole.
    /// </summary>
    /// <returns>N×1×h×w, 1 where the latent position is a hole.</returns>
    public static Tensor HolesBilinear(Tensor mask, long height, long width)
    {
        using var smooth = nn.functional.interpolate(
            mask, [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        return smooth.gt(0).to(mask.dtype);
    }
}
