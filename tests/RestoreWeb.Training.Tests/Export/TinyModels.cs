using RestoreWeb.Training.Export;
using RestoreWeb.Training.Networks;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Export;

/// <summary>Randomly initialised networks of a very narrow preset, for tests of export, packages and the pipeline.</summary>
internal static class TinyModels
{
    public static readonly ArchitecturePreset Preset = ArchitecturePresets.Official with
    {
        Name = "test-tiny", VaeWidth = 8, MappingWidth = 16, MappingBlocks = 1, NonLocalBlocks = 1, DetectorWf = 2, DetectorDepth = 4,
    };

    /// <summary>State dicts of every network a package holds; the modules are disposed, the tensors kept.</summary>
    public static RestorationWeights Weights(int seed)
    {
        random.manual_seed(seed);
        return new RestorationWeights(
            State(Preset.CreateVae()),
            State(Preset.CreateVae()),
            State(Preset.CreateQualityMapping()),
            State(Preset.CreateVae()),
            State(Preset.CreateScratchMapping()),
            State(Preset.CreateDetector()));
    }

    private static Dictionary<string, Tensor> State(nn.Module module)
    {
        module.eval();
        var state = module.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone(), StringComparer.Ordinal);
        module.Dispose();
        return state;
    }
}
