using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Export;
using RestoreWeb.Training.Networks;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Export;

/// <summary>The session settings the benchmark varies: the CPU arena and ONNX Runtime's operator profile.</summary>
public sealed class SessionMemoryTests : IDisposable
{
    private static readonly ArchitecturePreset Tiny = ArchitecturePresets.Official with
    {
        Name = "session-tiny", VaeWidth = 16, MappingWidth = 32, MappingBlocks = 2, NonLocalBlocks = 1,
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("restoreweb-profile-").FullName;

    [Fact]
    public void Without_the_cpu_arena_the_restoration_is_bit_identical_and_a_profile_names_every_convolution()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        using var vaeA = Tiny.CreateVae();
        using var vaeB = Tiny.CreateVae();
        using var mapping = Tiny.CreateQualityMapping();
        var graph = Google.Protobuf.MessageExtensions.ToByteArray(
            RestorationExporter.Quality(vaeA.state_dict(), mapping.state_dict(), vaeB.state_dict()));
        var rng = new Random(3);
        float[] image = Enumerable.Range(0, 3 * 40 * 56).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();

        float[] Restore(ExecutionProviderOptions options)
        {
            using var model = new OnnxRestorationModel(new RestorationGraphs(graph, null, null, null, null), new ExecutionProviderSelector(options));
            return model.RestoreQuality(image, 40, 56);
        }

        float[] withArena = Restore(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu, IntraOpThreads = 1 });
        string prefix = Path.Combine(_folder, "quality");
        float[] withoutArena = Restore(new ExecutionProviderOptions
        {
            Preference = ExecutionProviderPreference.Cpu, IntraOpThreads = 1, CpuMemoryArena = false, ProfilePathPrefix = prefix,
        });

        Assert.True(new ExecutionProviderOptions().CpuMemoryArena, "the arena is on unless switched off");
        Assert.Equal(withArena, withoutArena);
        string profile = Assert.Single(Directory.GetFiles(_folder, "quality*.json"));
        string json = File.ReadAllText(profile);
        Assert.Contains("\"op_name\" : \"Conv\"", json.Replace("\":\"", "\" : \"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("model_run", json, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
