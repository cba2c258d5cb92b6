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

    /// <summary>
    /// Sustained throughput assumed for estimates; the benchmark prints the achieved figure to put here. 80 is what the
    /// official-preset networks reached in ONNX Runtime on 2 shared x86 cores (57–135 GFLOP/s measured).
    /// </summary>
    public double CpuGflops { get; set; } = 80;

    public double CudaGflops { get; set; } = 15_000;

    /// <summary>Pixels two neighbouring tiles share; blended with a linear ramp so no seam shows.</summary>
    public int TileOverlap { get; set; } = 64;

    /// <summary>Smallest tile side the planner will go down to.</summary>
    public int MinTileSide { get; set; } = 256;

    /// <summary>Memory the attention's score rows may take per chunk.</summary>
    public long AttentionChunkBytes { get; set; } = 256L << 20;

    /// <summary>
    /// The same on a GPU. Each chunk is one session run with its own launches and copies, and a 12 MP scan has
    /// 750 000 latent positions, so small chunks would mean tens of thousands of runs.
    /// </summary>
    public long CudaAttentionChunkBytes { get; set; } = 4L << 30;

    /// <summary>
    /// Peak memory per pixel as a multiple of the largest activation: inputs and outputs of the running operator,
    /// convolution workspaces and ONNX Runtime's arena. Measured with the official preset on the CPU: about
    /// 3.65 kB per extra pixel in quality mode (5493 MB peak with 992² tiles, 2291 MB at 256²), whose largest
    /// activation is the Winograd tiles of the 512-channel mapping, 512 bytes per pixel; so 7.5.
    /// </summary>
    public double ActivationOverhead { get; set; } = 7.5;

    /// <summary>
    /// The same multiple for the scratch mode, whose encode, attention and decode graphs are three sessions run one
    /// after another, each keeping the peak of its own ONNX Runtime arena. Measured with the official preset on the
    /// CPU: 3437 MB peak at 512², 7118 MB at 1024² and 12 992 MB with 1404² tiles, so 4.7 to 6.4 kB per extra pixel
    /// against a 256-byte largest activation; 26 covers the worst of them. With the arena off
    /// (<see cref="Onnx.ExecutionProviderOptions.CpuMemoryArena"/>) it is <see cref="ScratchOverheadWithoutArena"/>.
    /// </summary>
    public double ScratchActivationOverhead { get; set; } = 26.0;

    /// <summary>Measured without the arena: 1988 MB at 512², 3482 MB at 1024², about 2.0 kB per extra pixel.</summary>
    public const double ScratchOverheadWithoutArena = 8.0;
}
