using RestoreWeb.Inference.Packages;

namespace RestoreWeb.Inference.Pipeline;

/// <summary>
/// Plans a restoration and carries it out: one pass when the photo fits the budgets, overlapping blended tiles
/// otherwise. Works on the network's own representation: planar RGB in [-1,1], sides multiples of 4.
/// </summary>
public sealed class PlannedRestoration(OnnxRestorationModel model, GraphCosts costs, RestorationPlanner planner)
{
    public RestorationPlan Plan(int height, int width, bool scratch) =>
        planner.Plan(costs, height, width, scratch, model.ExecutionProvider);

    /// <param name="mask">Scratch mask (1 = scratch) of the same size, or null for the quality mode.</param>
    public (float[] Restored, RestorationPlan Plan) Run(
        float[] image, float[]? mask, int height, int width,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = Plan(height, width, mask is not null);
        int chunkRows = Math.Max(1, plan.AttentionChunkRows);
        float[] Pass(float[] tile, float[]? tileMask, int h, int w, IProgress<double>? passProgress) =>
            tileMask is null
                ? model.RestoreQuality(tile, h, w)
                : model.RestoreScratch(tile, tileMask, h, w, chunkRows, passProgress, cancellationToken);

        if (!plan.Tiled)
        {
            var restored = Pass(image, mask, height, width, progress);
            progress?.Report(1.0);
            return (restored, plan);
        }

        var layout = TileLayout.Create(height, width, Math.Min(plan.TileSize, height), Math.Min(plan.TileSize, width), plan.Overlap);
        var blended = TiledRestoration.Run(image, mask, layout, (tile, tileMask, h, w) => Pass(tile, tileMask, h, w, null),
            progress, cancellationToken);
        return (blended, plan);
    }
}
