namespace RestoreWeb.Inference.Onnx;

/// <summary>
/// The execution provider a process settled on, and why: recorded on every result so that a user can see
/// whether a photo was restored on the GPU or fell back to the CPU.
/// </summary>
public sealed record ExecutionProviderChoice(string Provider, string? FallbackReason)
{
    public const string Cuda = "CUDA";
    public const string Cpu = "CPU";

    public bool IsFallback => FallbackReason is not null;
}
