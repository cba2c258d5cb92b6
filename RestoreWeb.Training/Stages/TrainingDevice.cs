using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Stages;

/// <summary>
/// The device a training run uses: <c>cpu</c>, <c>cuda</c> (the first GPU), <c>cuda:N</c>, or <c>auto</c> (CUDA when the
/// TorchSharp build in use can reach a GPU, else the CPU). Asking for CUDA where there is none is an error rather than
/// a quiet fall-back: a run meant for a GPU would otherwise take days on the CPU before anyone noticed.
/// </summary>
public static class TrainingDevice
{
    public const string Auto = "auto";

    /// <summary>Resolves <paramref name="name"/> against what libtorch reports.</summary>
    /// <exception cref="ArgumentException">An unknown name, or a CUDA device this process cannot use.</exception>
    public static Device Resolve(string name) => Resolve(name, cuda.is_available() ? cuda.device_count() : 0);

    /// <summary>Resolves <paramref name="name"/> given how many CUDA devices there are.</summary>
    public static Device Resolve(string name, int cudaDevices)
    {
        ArgumentNullException.ThrowIfNull(name);
        string spec = name.Trim().ToLowerInvariant();
        if (spec == Auto)
        {
            return cudaDevices > 0 ? new Device(DeviceType.CUDA, 0) : CPU;
        }
        if (spec == "cpu")
        {
            return CPU;
        }
        int index = 0;
        bool valid = spec == "cuda" || (spec.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(spec.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index));
        if (!valid)
        {
            throw new ArgumentException($"--device '{name}' is not a device: use auto, cpu, cuda or cuda:N.");
        }
        if (cudaDevices == 0)
        {
            throw new ArgumentException(
                $"--device {name}: CUDA is not available to this process. TorchSharp-cpu, which this project references, has " +
                "none, and a CUDA libtorch also needs an NVIDIA driver and GPU (README, \"Training on a GPU\"; `info` shows " +
                "what the process finds). Use --device cpu or auto.");
        }
        if (index >= cudaDevices)
        {
            throw new ArgumentException(cudaDevices == 1
                ? $"--device {name}: there is one CUDA device, cuda:0."
                : $"--device {name}: there are {cudaDevices} CUDA devices, cuda:0 to cuda:{cudaDevices - 1}.");
        }
        return new Device(DeviceType.CUDA, index);
    }
}
