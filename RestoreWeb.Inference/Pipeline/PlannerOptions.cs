namespace RestoreWeb.Inference.Pipeline;

/// <summary>Budgets of the memory and time planner (configuration section "Inference:Planner").</summary>
public sealed class PlannerOptions
{
    public const string SectionName = "Inference:Planner";

    /// <summary>Peak memory one restoration may use on the CPU.</summary>
    public long CpuMemoryBudgetBytes { get; set; } = 6L << 30;

    /// <summary>Peak memory one restoration may use on a GPU.</summary>
    public long CudaMemoryBudgetBytes { get; set; } = 16L << 30;

    /// <summary>Longest a single whole-image pass may be expected to take before tiling is preferred.</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Sustained throughput assumed for estimates; the benchmark prints the achieved figure to put here.</summary>
    public double CpuGflops { get; set; } = 40;

    public double CudaGflops { get; set; } = 15_000;

    /// <summary>Pixels two neighbouring tiles share; blended with a linear ramp so no seam shows.</summary>
    public int TileOverlap { get; set; } = 64;

    /// <summary>Smallest tile side the planner will go down to.</summary>
    public int MinTileSide { get; set; } = 256;

    /// <summary>Memory the attention's score rows may take per chunk.</summary>
    public long AttentionChunkBytes { get; set; } = 256L << 20;

    /// <summary>Headroom for inputs, outputs and the runtime's arena next to the largest activation.</summary>
    public double ActivationOverhead { get; set; } = 3.0;
}
