using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;

namespace RestoreWeb.Inference.Pipeline;

/// <summary>
/// Estimates the peak memory and the time of a restoration before running it. The convolutions grow with the
/// pixel count; the partial non-local attention grows with its square (4·N²·C FLOPs for N latent positions), so
/// a large scan in scratch mode is soon beyond a CPU's time budget even though the chunked attention keeps its
/// memory small. When the whole photo does not fit either budget, it is restored in overlapping tiles.
/// </summary>
public sealed class RestorationPlanner(PlannerOptions options)
{
    public RestorationPlan Plan(GraphCosts costs, int height, int width, bool scratch, ExecutionProviderChoice provider)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(provider);
        bool cuda = provider.Provider == ExecutionProviderChoice.Cuda;
        long memoryBudget = cuda ? options.CudaMemoryBudgetBytes : options.CpuMemoryBudgetBytes;
        double gflops = cuda ? options.CudaGflops : options.CpuGflops;
        long chunkBytes = cuda ? options.CudaAttentionChunkBytes : options.AttentionChunkBytes;

        var whole = Estimate(costs, height, width, scratch, gflops, chunkBytes);
        if (whole.PeakBytes <= memoryBudget && whole.Seconds <= options.TimeBudget.TotalSeconds)
        {
            return new RestorationPlan(false, Math.Max(height, width), 0, 1, whole.PeakBytes, whole.Flops, whole.Seconds, whole.ChunkRows, null);
        }

        string reason = whole.PeakBytes > memoryBudget
            ? $"the whole {width}×{height} photo needs about {Gib(whole.PeakBytes)} GiB, over the {Gib(memoryBudget)} GiB budget of the {provider.Provider}"
            : $"the whole {width}×{height} photo would take about {whole.Seconds:0} s on the {provider.Provider}, over the {options.TimeBudget.TotalSeconds:0} s budget";

        int overlap = RoundDown(options.TileOverlap, 4);
        int smallest = Math.Max(RoundDown(options.MinTileSide, 4), 2 * overlap + 4) / 4;
        int largest = Math.Max(smallest, RoundDown(Math.Max(height, width), 4) / 4);
        // Estimates grow with the tile side, so a binary search finds the biggest tile (in units of 4 px) that fits
        // both budgets; bigger tiles see more context and repeat less overlap. If none fits, the smallest is used.
        int low = smallest, high = largest;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            var estimate = Estimate(costs, 4 * middle, 4 * middle, scratch, gflops, chunkBytes);
            if (estimate.PeakBytes <= memoryBudget && estimate.Seconds <= options.TimeBudget.TotalSeconds)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        // Then the smallest tile that needs no more tiles than the biggest one: the same count, less overlap
        // repeated, and less attention work (it grows with the square of a tile's pixels).
        int biggest = 4 * low;
        int stride = biggest - overlap;
        int across = (Math.Max(RoundDown(width, 4), biggest) - overlap + stride - 1) / stride;
        int down = (Math.Max(RoundDown(height, 4), biggest) - overlap + stride - 1) / stride;
        int balanced = Math.Max(CeilingDiv(RoundDown(width, 4) - overlap, across), CeilingDiv(RoundDown(height, 4) - overlap, down)) + overlap;
        int tile = Math.Clamp((balanced + 3) / 4 * 4, 4 * smallest, biggest);

        var layout = TileLayout.Create(height, width, Math.Min(tile, RoundDown(height, 4)), Math.Min(tile, RoundDown(width, 4)), overlap);
        var perTile = Estimate(costs, layout.TileHeight, layout.TileWidth, scratch, gflops, chunkBytes);
        return new RestorationPlan(true, tile, overlap, layout.Count, perTile.PeakBytes, perTile.Flops * layout.Count,
            perTile.Seconds * layout.Count, perTile.ChunkRows, reason);
    }

    /// <summary>Work of a whole pass: convolutions per pixel plus, in scratch mode, the attention.</summary>
    public static double Flops(GraphCosts costs, int height, int width, bool scratch)
    {
        ArgumentNullException.ThrowIfNull(costs);
        double pixels = (double)height * width;
        if (!scratch)
        {
            return costs.QualityFlopsPerPixel * pixels;
        }
        double positions = pixels / (costs.LatentScale * costs.LatentScale);
        return costs.ScratchFlopsPerPixel * pixels + 4.0 * positions * positions * costs.AttentionChannels;
    }

    private (long PeakBytes, double Flops, double Seconds, int ChunkRows) Estimate(GraphCosts costs, int height, int width, bool scratch, double gflops, long chunkBytes)
    {
        double pixels = (double)height * width;
        double flops = Flops(costs, height, width, scratch);
        double peak = costs.WeightBytes;
        int chunkRows = 0;
        if (!scratch)
        {
            peak += costs.QualityLargestActivationBytesPerPixel * pixels * options.ActivationOverhead;
        }
        else
        {
            double positions = pixels / (costs.LatentScale * costs.LatentScale);
            // features, θ, φ, g and the attended rows live together during the attention.
            double latents = 5.0 * positions * costs.AttentionChannels * sizeof(float);
            // Scores, their exponentials and the masked weights: three rows × positions floats per query row.
            chunkRows = (int)Math.Clamp(chunkBytes / Math.Max(1.0, 3.0 * positions * sizeof(float)), 1, Math.Max(1, positions));
            double chunk = 3.0 * chunkRows * positions * sizeof(float);
            peak += Math.Max(costs.ScratchLargestActivationBytesPerPixel * pixels * options.ScratchActivationOverhead, latents + chunk);
        }
        return ((long)peak, flops, flops / (gflops * 1e9), chunkRows);
    }

    private static int RoundDown(int value, int multiple) => Math.Max(multiple, value / multiple * multiple);

    private static int CeilingDiv(int value, int divisor) => (Math.Max(0, value) + divisor - 1) / divisor;

    private static string Gib(double bytes) => (bytes / (1L << 30)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
