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

/// <summary>How ONNX Runtime sessions are built (bound from configuration section "Inference:OnnxRuntime").</summary>
public sealed class ExecutionProviderOptions
{
    public const string SectionName = "Inference:OnnxRuntime";

    public ExecutionProviderPreference Preference { get; set; } = ExecutionProviderPreference.Auto;

    public int CudaDeviceId { get; set; }

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime use every core.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Threads across independent operators; 0 lets ONNX Runtime decide.</summary>
    public int InterOpThreads { get; set; }
}
