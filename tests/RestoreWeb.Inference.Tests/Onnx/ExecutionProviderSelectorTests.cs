using Microsoft.ML.OnnxRuntime;
using RestoreWeb.Inference.Onnx;

namespace RestoreWeb.Inference.Tests.Onnx;

public sealed class ExecutionProviderSelectorTests
{
    private static bool CudaDriverPresent => File.Exists("/dev/nvidiactl") || File.Exists("/proc/driver/nvidia/version");

    [Fact]
    public void Cpu_preference_never_probes_cuda()
    {
        var selector = new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu });

        Assert.Equal(new ExecutionProviderChoice(ExecutionProviderChoice.Cpu, null), selector.Choice);
        using var options = selector.CreateSessionOptions();
        Assert.Equal(GraphOptimizationLevel.ORT_ENABLE_ALL, options.GraphOptimizationLevel);
    }

    [Fact]
    public void Auto_preference_falls_back_to_the_cpu_with_a_recorded_reason_where_cuda_cannot_load()
    {
        // ONNX Runtime claims CUDA even where it cannot load: that is why the selector probes.
        Assert.Contains("CUDAExecutionProvider", OrtEnv.Instance().GetAvailableProviders());
        var selector = new ExecutionProviderSelector(new ExecutionProviderOptions { IntraOpThreads = 1 });

        var choice = selector.Choice;

        if (CudaDriverPresent && choice.Provider == ExecutionProviderChoice.Cuda)
        {
            Assert.Null(choice.FallbackReason);
            return;
        }
        Assert.Equal(ExecutionProviderChoice.Cpu, choice.Provider);
        Assert.True(choice.IsFallback);
        Assert.StartsWith("CUDA execution provider could not be loaded (device 0)", choice.FallbackReason, StringComparison.Ordinal);
        using var options = selector.CreateSessionOptions();
        Assert.Equal(1, options.IntraOpNumThreads);
    }

    [Fact]
    public void Required_cuda_fails_loudly_instead_of_running_on_the_cpu()
    {
        if (CudaDriverPresent)
        {
            // On a GPU machine the requirement is met; the failure branch is what this test is about.
            Assert.Equal(ExecutionProviderChoice.Cuda,
                new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cuda }).Choice.Provider);
            return;
        }
        var selector = new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cuda });

        var error = Assert.Throws<InvalidOperationException>(() => selector.Choice);
        Assert.Contains("CUDA was required by configuration", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CudnnConvolutionSearch.Heuristic, "HEURISTIC")]
    [InlineData(CudnnConvolutionSearch.Exhaustive, "EXHAUSTIVE")]
    [InlineData(CudnnConvolutionSearch.Default, "DEFAULT")]
    public void Cuda_settings_use_the_names_onnx_runtime_reads(CudnnConvolutionSearch search, string expected)
    {
        var settings = ExecutionProviderSelector.CudaProviderSettings(new ExecutionProviderOptions { CudaDeviceId = 1, CudnnConvolutionSearch = search });

        Assert.Equal("1", settings["device_id"]);
        Assert.Equal(expected, settings["cudnn_conv_algo_search"]);
    }

    [Fact]
    public void Photos_of_new_sizes_skip_cudnn_algorithm_timing_and_sessions_share_one_gpu_arena_by_default()
    {
        var defaults = new ExecutionProviderOptions();

        Assert.Equal(CudnnConvolutionSearch.Heuristic, defaults.CudnnConvolutionSearch);
        Assert.True(defaults.CudaSharedArena);
    }

    [Fact]
    public void An_unknown_cudnn_search_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ExecutionProviderSelector.CudaProviderSettings(new ExecutionProviderOptions { CudnnConvolutionSearch = (CudnnConvolutionSearch)7 }));
    }

    [Fact]
    public void On_the_cpu_the_device_memory_is_the_host_memory()
    {
        var selector = new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu });

        using var memory = selector.CreateDeviceMemoryInfo();

        Assert.Equal("Cpu", memory.Name);
        Assert.False(selector.CudaArenaShared);
    }
}
