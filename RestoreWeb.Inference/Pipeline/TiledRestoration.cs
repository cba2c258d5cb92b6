namespace RestoreWeb.Inference.Pipeline;

/// <summary>One pass of a restoration network over a planar RGB tile (and its mask, in scratch mode).</summary>
public delegate float[] TileRestorer(float[] tile, float[]? mask, int height, int width);

/// <summary>
/// Restores an image tile by tile and blends the overlaps with the layout's linear ramps. Each tile is a complete,
/// exact pass of the network over its pixels; what differs from a whole-image pass is only the context each
/// tile sees (instance normalisation statistics and, in scratch mode, the positions the attention can copy from).
/// </summary>
public static class TiledRestoration
{
    public static float[] Run(
        float[] image, float[]? mask, TileLayout layout, TileRestorer restore,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(restore);
        int height = layout.Height, width = layout.Width, plane = height * width;
        if (image.Length != 3 * plane || (mask is not null && mask.Length != plane))
        {
            throw new ArgumentException($"Image or mask size does not match the {width}×{height} tile layout.");
        }

        var sum = new float[3 * plane];
        var weights = new float[plane];
        int th = layout.TileHeight, tw = layout.TileWidth, done = 0;
        foreach (var (top, left) in layout.Tiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tile = new float[3 * th * tw];
            var tileMask = mask is null ? null : new float[th * tw];
            for (int y = 0; y < th; y++)
            {
                for (int c = 0; c < 3; c++)
                {
                    Array.Copy(image, c * plane + (top + y) * width + left, tile, c * th * tw + y * tw, tw);
                }
                if (mask is not null)
                {
                    Array.Copy(mask, (top + y) * width + left, tileMask!, y * tw, tw);
                }
            }

            float[] restored = restore(tile, tileMask, th, tw);
            for (int y = 0; y < th; y++)
            {
                for (int x = 0; x < tw; x++)
                {
                    float weight = layout.Weight(top, left, y, x);
                    int target = (top + y) * width + left + x;
                    weights[target] += weight;
                    for (int c = 0; c < 3; c++)
                    {
                        sum[c * plane + target] += weight * restored[c * th * tw + y * tw + x];
                    }
                }
            }
            progress?.Report(++done / (double)layout.Count);
        }

        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                sum[c * plane + i] /= weights[i];
            }
        }
        return sum;
    }
}
