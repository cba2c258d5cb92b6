namespace RestoreWeb.Inference.Onnx;

public enum ExecutionProviderPreference
{
    /// <summary>CUDA when it loads, otherwise the CPU.</summary>
    Auto,

    /// <summary>The CPU only, never trying CUDA.</summary>
    Cpu,

    /// <summary>CUDA or fail: for GPU workers that must not silently run on the CPU.</summary>
    Cuda,
}

/// <summary>How the CUDA provider picks each convolution's cuDNN algorithm.</summary>
public enum CudnnConvolutionSearch
{
    /// <summary>Times every algorithm the first time a convolution meets an input shape (ONNX Runtime's default).</summary>
    Exhaustive,

    /// <summary>Takes cuDNN's heuristic choice without timing: no search on a photo of a new size.</summary>
    Heuristic,

    /// <summary>cuDNN's default algorithm.</summary>
    Default,
}

/// <summary>How ONNX Runtime sessions are built (bound from configuration section "Inference:OnnxRuntime").</summary>
public sealed class ExecutionProviderOptions
{
    public const string SectionName = "Inference:OnnxRuntime";

    public ExecutionProviderPreference Preference { get; set; } = ExecutionProviderPreference.Auto;

    public int CudaDeviceId { get; set; }

    /// <summary>
    /// Heuristic, because photos come in every size and the exhaustive search times every algorithm again for each
    /// new one. Measured on an H100 (official widths, 1024², quality mode): the first pass took 165 ms with the
    /// heuristic and 588 ms with the search, and later passes 39 ms either way (README, "On a GPU").
    /// </summary>
    public CudnnConvolutionSearch CudnnConvolutionSearch { get; set; } = CudnnConvolutionSearch.Heuristic;

    /// <summary>
    /// One GPU memory arena for every session of the process, growing by what is asked rather than in powers of
    /// two, instead of one arena per session that each keeps its own peak. On an H100 a 12 MP scratch repair with
    /// the starter peaked at 7.6 GiB instead of 18.0 GiB, at the same speed.
    /// </summary>
    public bool CudaSharedArena { get; set; } = true;

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime use every core.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Threads across independent operators; 0 lets ONNX Runtime decide.</summary>
    public int InterOpThreads { get; set; }

    /// <summary>
    /// ONNX Runtime's CPU arena: each session keeps the largest blocks it ever needed and reuses them, which makes
    /// large convolutions about a quarter faster than asking the system each time. Without it, the scratch mode's
    /// three sessions (encode, attention, decode) stop holding a peak each and need half the memory (3.5 GB instead
    /// of 7.1 GB at 1024², official preset); lower <see cref="Pipeline.PlannerOptions.ScratchActivationOverhead"/>
    /// to 8 with it off so the planner uses bigger tiles.
    /// </summary>
    public bool CpuMemoryArena { get; set; } = true;

    /// <summary>
    /// When set, every session writes ONNX Runtime's per-operator timings to a JSON file starting with this path
    /// (open it in a trace viewer such as chrome://tracing) when it closes. For finding where the time goes.
    /// </summary>
    public string? ProfilePathPrefix { get; set; }
}
