using RestoreWeb.Training.Stages;
using TorchSharp;

namespace RestoreWeb.Training.Tests.Stages;

/// <summary>How <c>--device</c> names resolve for a given number of CUDA devices, and what is refused.</summary>
public sealed class TrainingDeviceTests
{
    [Theory]
    [InlineData("auto", 0, DeviceType.CPU, -1)]
    [InlineData("auto", 2, DeviceType.CUDA, 0)]
    [InlineData("cpu", 2, DeviceType.CPU, -1)]
    [InlineData(" CPU ", 0, DeviceType.CPU, -1)]
    [InlineData("cuda", 1, DeviceType.CUDA, 0)]
    [InlineData("cuda:1", 2, DeviceType.CUDA, 1)]
    [InlineData("CUDA:0", 1, DeviceType.CUDA, 0)]
    public void Names_resolve_to_the_device_they_say(string name, int cudaDevices, DeviceType type, int index)
    {
        var device = TrainingDevice.Resolve(name, cudaDevices);

        Assert.Equal(type, device.type);
        Assert.Equal(index, device.index);
    }

    [Theory]
    [InlineData("gpu", 1, "is not a device")]
    [InlineData("cuda:", 1, "is not a device")]
    [InlineData("cuda:-1", 1, "is not a device")]
    [InlineData("cuda:one", 1, "is not a device")]
    [InlineData("cuda", 0, "CUDA is not available to this process")]
    [InlineData("cuda:0", 0, "CUDA is not available to this process")]
    [InlineData("cuda:2", 2, "there are 2 CUDA devices, cuda:0 to cuda:1")]
    [InlineData("cuda:1", 1, "there is one CUDA device, cuda:0")]
    public void Unknown_names_and_missing_gpus_are_refused_by_name(string name, int cudaDevices, string message)
    {
        var refused = Assert.Throws<ArgumentException>(() => TrainingDevice.Resolve(name, cudaDevices));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void This_builds_torchsharp_reports_no_cuda_so_auto_is_the_cpu()
    {
        // The project references TorchSharp-cpu; a CUDA build would resolve auto to the GPU instead.
        Assert.False(torch.cuda.is_available());
        Assert.Equal(DeviceType.CPU, TrainingDevice.Resolve(TrainingDevice.Auto).type);
    }
}
