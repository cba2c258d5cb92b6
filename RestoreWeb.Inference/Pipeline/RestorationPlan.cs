namespace RestoreWeb.Inference.Pipeline;

/// <summary>How a photo will be restored, decided before any work starts, and recorded on the result.</summary>
/// <param name="Tiled">False: one pass over the whole photo. True: overlapping tiles, blended.</param>
/// <param name="TileSize">Tile side in pixels (the working size when not tiled).</param>
/// <param name="Overlap">Pixels shared by neighbouring tiles.</param>
/// <param name="TileCount">Number of passes.</param>
/// <param name="EstimatedPeakBytes">Estimated peak memory of one pass.</param>
/// <param name="EstimatedFlops">Estimated work of all passes.</param>
/// <param name="EstimatedSeconds">Estimated time at the configured throughput.</param>
/// <param name="AttentionChunkRows">Query rows of the masked attention per chunk (scratch mode).</param>
/// <param name="Reason">Why the photo is tiled, in words; null when whole.</param>
public sealed record RestorationPlan(
    bool Tiled,
    int TileSize,
    int Overlap,
    int TileCount,
    long EstimatedPeakBytes,
    double EstimatedFlops,
    double EstimatedSeconds,
    int AttentionChunkRows,
    string? Reason);
