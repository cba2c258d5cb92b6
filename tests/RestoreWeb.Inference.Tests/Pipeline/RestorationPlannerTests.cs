using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;

namespace RestoreWeb.Inference.Tests.Pipeline;

public sealed class RestorationPlannerTests
{
    private static readonly ExecutionProviderChoice Cpu = new(ExecutionProviderChoice.Cpu, null);
    private static readonly ExecutionProviderChoice Cuda = new(ExecutionProviderChoice.Cuda, null);

    // Costs of the official preset (as measured by the exporter, rounded): 64-channel VAEs, mapping width 512.
    private static readonly GraphCosts Official = new()
    {
        QualityFlopsPerPixel = 1.6e6,
        QualityLargestActivationBytesPerPixel = 512,
        ScratchFlopsPerPixel = 2.2e6,
        ScratchLargestActivationBytesPerPixel = 512,
        AttentionChannels = 512,
        LatentScale = 4,
        WeightBytes = 400L << 20,
    };

    [Fact]
    public void A_small_photo_runs_whole()
    {
        var plan = new RestorationPlanner(new PlannerOptions()).Plan(Official, 512, 512, scratch: false, Cpu);

        Assert.False(plan.Tiled);
        Assert.Equal(1, plan.TileCount);
        Assert.Null(plan.Reason);
        Assert.Equal(Official.QualityFlopsPerPixel * 512 * 512, plan.EstimatedFlops, 1e-6);
    }

    [Fact]
    public void Attention_time_grows_with_the_square_of_the_pixel_count()
    {
        double small = RestorationPlanner.Flops(Official with { ScratchFlopsPerPixel = 0 }, 1000, 1000, scratch: true);
        double large = RestorationPlanner.Flops(Official with { ScratchFlopsPerPixel = 0 }, 2000, 2000, scratch: true);

        Assert.Equal(16.0, large / small, 6);
        // 1 MP: N = 62 500 latent positions, 4·N²·C = 8 TFLOP — the design's figure.
        Assert.InRange(small, 7.9e12, 8.1e12);
    }

    [Fact]
    public void A_12_megapixel_scan_in_scratch_mode_on_the_cpu_is_tiled_and_says_why()
    {
        var options = new PlannerOptions();
        var plan = new RestorationPlanner(options).Plan(Official, 3000, 4000, scratch: true, Cpu);

        Assert.True(plan.Tiled);
        Assert.True(plan.TileCount > 1);
        Assert.Equal(0, plan.TileSize % 4);
        Assert.InRange(plan.EstimatedPeakBytes, 1, options.CpuMemoryBudgetBytes);
        Assert.Contains("budget", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("4000×3000", plan.Reason, StringComparison.Ordinal);
        Assert.True(plan.AttentionChunkRows >= 1);
    }

    [Fact]
    public void The_scratch_mode_has_its_own_memory_overhead_and_the_quality_plan_ignores_it()
    {
        var calibrated = new PlannerOptions();
        var doubled = new PlannerOptions { ScratchActivationOverhead = 2 * calibrated.ScratchActivationOverhead };

        var scratch = new RestorationPlanner(calibrated).Plan(Official, 3000, 4000, scratch: true, Cpu);
        var scratchDoubled = new RestorationPlanner(doubled).Plan(Official, 3000, 4000, scratch: true, Cpu);
        Assert.True(scratchDoubled.TileSize < scratch.TileSize, $"{scratchDoubled.TileSize} should be below {scratch.TileSize}");
        Assert.True(scratchDoubled.TileCount > scratch.TileCount);

        var quality = new RestorationPlanner(calibrated).Plan(Official, 3000, 4000, scratch: false, Cpu);
        var qualityDoubled = new RestorationPlanner(doubled).Plan(Official, 3000, 4000, scratch: false, Cpu);
        Assert.Equal(quality, qualityDoubled);

        // A whole 1024² pass: weights plus the calibrated multiple of the largest activation per pixel.
        var whole = new RestorationPlanner(calibrated).Plan(Official with { ScratchLargestActivationBytesPerPixel = 256 }, 1024, 1024, scratch: true, Cuda);
        Assert.False(whole.Tiled);
        Assert.Equal(Official.WeightBytes + 256 * calibrated.ScratchActivationOverhead * 1024 * 1024, whole.EstimatedPeakBytes, 1e6);
    }

    [Theory]
    [InlineData(3000, 4000)]
    [InlineData(1024, 1024)]
    [InlineData(1100, 2900)]
    public void Tiles_are_shrunk_to_the_smallest_side_that_needs_no_more_tiles(int height, int width)
    {
        var options = new PlannerOptions();
        var plan = new RestorationPlanner(options).Plan(Official, height, width, scratch: true, Cpu);
        Assert.True(plan.Tiled);

        // The biggest tile within the budgets, found the same way with the balancing switched off: one more pixel
        // of tile side over it does not fit.
        var fits = (int side) =>
        {
            var one = new RestorationPlanner(options).Plan(Official, side, side, scratch: true, Cpu);
            return !one.Tiled;
        };
        int biggest = Enumerable.Range(1, 1000).Select(k => 4 * k).Last(side => fits(side));
        var layout = TileLayout.Create(height, width, Math.Min(plan.TileSize, height), Math.Min(plan.TileSize, width), plan.Overlap);
        var biggestLayout = TileLayout.Create(height, width, Math.Min(biggest, height), Math.Min(biggest, width), plan.Overlap);

        Assert.Equal(biggestLayout.Count, layout.Count);
        Assert.Equal(plan.TileCount, layout.Count);
        Assert.InRange(plan.TileSize, 1, biggest);
        var smaller = TileLayout.Create(height, width, Math.Min(plan.TileSize - 4, height), Math.Min(plan.TileSize - 4, width), plan.Overlap);
        Assert.True(smaller.Count > layout.Count, $"{plan.TileSize - 4} px tiles would still need only {smaller.Count}");
    }

    [Fact]
    public void The_gpu_budget_lets_a_larger_photo_run_whole()
    {
        var planner = new RestorationPlanner(new PlannerOptions());

        Assert.True(planner.Plan(Official, 1000, 1000, scratch: true, Cpu).Tiled);
        Assert.False(planner.Plan(Official, 1000, 1000, scratch: true, Cuda).Tiled);
    }

    [Fact]
    public void Attention_chunks_stay_within_their_memory_share()
    {
        var options = new PlannerOptions { AttentionChunkBytes = 64L << 20, CudaAttentionChunkBytes = 512L << 20 };
        var planner = new RestorationPlanner(options);

        var cpu = planner.Plan(Official, 256, 384, scratch: true, Cpu);
        var cuda = planner.Plan(Official, 800, 1200, scratch: true, Cuda);

        Assert.False(cpu.Tiled || cuda.Tiled);
        Assert.InRange(3.0 * cpu.AttentionChunkRows * (256 * 384 / 16.0) * sizeof(float), 1, options.AttentionChunkBytes);
        Assert.InRange(3.0 * cuda.AttentionChunkRows * (800 * 1200 / 16.0) * sizeof(float), options.AttentionChunkBytes, options.CudaAttentionChunkBytes);
        Assert.True(3.0 * (cuda.AttentionChunkRows + 1) * (800 * 1200 / 16.0) * sizeof(float) > options.CudaAttentionChunkBytes, "one more row would still fit");
    }

    [Fact]
    public void A_gpu_attends_in_far_fewer_chunks_by_default()
    {
        // Every chunk is a session run; on a GPU its launches and copies, not its arithmetic, set the pace.
        var planner = new RestorationPlanner(new PlannerOptions { CpuMemoryBudgetBytes = 64L << 30, TimeBudget = TimeSpan.FromHours(10) });

        var cpu = planner.Plan(Official, 1024, 1024, scratch: true, Cpu);
        var cuda = planner.Plan(Official, 1024, 1024, scratch: true, Cuda);

        Assert.False(cpu.Tiled || cuda.Tiled);
        Assert.True(cuda.AttentionChunkRows >= 16 * cpu.AttentionChunkRows, $"{cuda.AttentionChunkRows} rows on CUDA, {cpu.AttentionChunkRows} on the CPU");
    }
}
