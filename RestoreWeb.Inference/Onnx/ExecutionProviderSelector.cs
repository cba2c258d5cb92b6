using Microsoft.ML.OnnxRuntime;

namespace RestoreWeb.Inference.Onnx;

/// <summary>
/// Chooses the execution provider once per process. ONNX Runtime lists CUDA among its available providers
/// even where the CUDA and cuDNN libraries are missing; only appending the provider to real session options
/// proves that it loads, so that is the probe.
/// </summary>
public sealed class ExecutionProviderSelector(ExecutionProviderOptions options)
{
    private readonly Lazy<ExecutionProviderChoice> _choice = new(() => Probe(options));

    public ExecutionProviderChoice Choice => _choice.Value;

    /// <summary>Session options for the chosen provider, with the configured thread counts.</summary>
    public SessionOptions CreateSessionOptions()
    {
        var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = options.InterOpThreads,
            EnableCpuMemArena = options.CpuMemoryArena,
        };
        if (!string.IsNullOrEmpty(options.ProfilePathPrefix))
        {
            // The prefix is read when profiling is switched on, so it goes first.
            session.ProfileOutputPathPrefix = options.ProfilePathPrefix;
            session.EnableProfiling = true;
        }
        if (Choice.Provider == ExecutionProviderChoice.Cuda)
        {
            // ONNX Runtime copies the provider options when they are appended.
            using var cuda = new OrtCUDAProviderOptions();
            cuda.UpdateOptions(CudaProviderSettings(options));
            session.AppendExecutionProvider_CUDA(cuda);
            if (CudaArenaShared)
            {
                session.AddSessionConfigEntry("session.use_env_allocators", "1");
            }
        }
        return session;
    }

    /// <summary>Whether this process's sessions on the chosen GPU share one memory arena.</summary>
    public bool CudaArenaShared => Choice.Provider == ExecutionProviderChoice.Cuda && options.CudaSharedArena && RegisterSharedArena(options.CudaDeviceId);

    private static readonly Lock SharedArenaLock = new();
    private static readonly HashSet<int> SharedArenaDevices = [];

    private static bool RegisterSharedArena(int deviceId)
    {
        lock (SharedArenaLock)
        {
            if (SharedArenaDevices.Contains(deviceId))
            {
                return true;
            }
            try
            {
                // ONNX Runtime copies the memory description and the arena settings when it registers them.
                using var memory = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.ArenaAllocator, deviceId, OrtMemType.Default);
                using var arena = new OrtArenaCfg(0, SameAsRequested, -1, -1);
                OrtEnv.Instance().CreateAndRegisterAllocator("CUDAExecutionProvider", memory, arena,
                    new Dictionary<string, string>(StringComparer.Ordinal) { ["device_id"] = deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                SharedArenaDevices.Add(deviceId);
                return true;
            }
            catch (OnnxRuntimeException)
            {
                // Each session then keeps an arena of its own, as without the option.
                return false;
            }
        }
    }

    /// <summary>ONNX Runtime's kSameAsRequested arena growth.</summary>
    private const int SameAsRequested = 1;

    /// <summary>
    /// Where the chosen provider keeps tensors: the GPU's memory for CUDA, else the host's. Outputs bound here stay
    /// on the device for the next graph instead of being copied to the host and back.
    /// </summary>
    public OrtMemoryInfo CreateDeviceMemoryInfo() => Choice.Provider == ExecutionProviderChoice.Cuda
        ? new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, options.CudaDeviceId, OrtMemType.Default)
        : new OrtMemoryInfo(OrtMemoryInfo.allocatorCPU, OrtAllocatorType.ArenaAllocator, 0, OrtMemType.Default);

    /// <summary>The CUDA provider's settings, by the names ONNX Runtime reads.</summary>
    public static Dictionary<string, string> CudaProviderSettings(ExecutionProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["device_id"] = options.CudaDeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cudnn_conv_algo_search"] = options.CudnnConvolutionSearch switch
            {
                CudnnConvolutionSearch.Heuristic => "HEURISTIC",
                CudnnConvolutionSearch.Default => "DEFAULT",
                CudnnConvolutionSearch.Exhaustive => "EXHAUSTIVE",
                var unknown => throw new ArgumentOutOfRangeException(nameof(options), unknown, "Unknown cuDNN convolution search."),
            },
        };
    }

    private static ExecutionProviderChoice Probe(ExecutionProviderOptions options)
    {
        if (options.Preference == ExecutionProviderPreference.Cpu)
        {
            return new ExecutionProviderChoice(ExecutionProviderChoice.Cpu, null);
        }

        string? failure;
        try
        {
            using var probe = new SessionOptions();
            probe.AppendExecutionProvider_CUDA(options.CudaDeviceId);
            return new ExecutionProviderChoice(ExecutionProviderChoice.Cuda, null);
        }
        catch (OnnxRuntimeException e)
        {
            failure = e.Message;
        }
        catch (EntryPointNotFoundException e)
        {
            failure = e.Message;
        }
        catch (DllNotFoundException e)
        {
            failure = e.Message;
        }

        string reason = $"CUDA execution provider could not be loaded (device {options.CudaDeviceId}): {FirstLine(failure)}";
        if (options.Preference == ExecutionProviderPreference.Cuda)
        {
            throw new InvalidOperationException(reason + " CUDA was required by configuration (Preference = Cuda).");
        }
        return new ExecutionProviderChoice(ExecutionProviderChoice.Cpu, reason);
    }

    private static string FirstLine(string text)
    {
        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? text : text[..newline]).Trim();
    }
}
