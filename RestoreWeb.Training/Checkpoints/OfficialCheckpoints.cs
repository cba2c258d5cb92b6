using RestoreWeb.Training.Networks;
using TorchSharp;

namespace RestoreWeb.Training.Checkpoints;

/// <summary>
/// Loads the official checkpoints (and any checkpoint in their layout) into the networks. Without a preset the
/// widths are inferred from the tensor shapes; with a preset the network is built from it and any difference is an
/// error. Every load is strict (<see cref="StateDictLoader"/>). The returned network is in training mode, as a
/// freshly built one is; call <c>eval()</c> for inference.
/// </summary>
public static class OfficialCheckpoints
{
    /// <summary>A VAE (<c>latest_net_G.pth</c> of VAE_A_quality, VAE_B_quality or VAE_B_scratch).</summary>
    public static VaeGenerator LoadVae(string path, ArchitecturePreset? preset = null) =>
        Load(path, weights =>
        {
            if (preset is not null)
            {
                return preset.CreateVae(officialInit: false);
            }

            var shape = ArchitectureInference.Vae(weights);
            return new VaeGenerator(shape.Width, shape.ImageChannels);
        });

    /// <summary>The quality-mode mapping (<c>mapping_quality/latest_net_mapping_net.pth</c>).</summary>
    public static MappingNetwork LoadQualityMapping(string path, ArchitecturePreset? preset = null) =>
        Load(path, weights =>
        {
            if (preset is not null)
            {
                return preset.CreateQualityMapping(officialInit: false);
            }

            var shape = ArchitectureInference.QualityMapping(weights);
            return new MappingNetwork(shape.LatentChannels, shape.Width, shape.Blocks);
        });

    /// <summary>The scratch-mode mapping (<c>mapping_scratch/latest_net_mapping_net.pth</c>).</summary>
    public static MaskedMappingNetwork LoadScratchMapping(string path, ArchitecturePreset? preset = null) =>
        Load(path, weights =>
        {
            if (preset is not null)
            {
                return preset.CreateScratchMapping(officialInit: false);
            }

            var shape = ArchitectureInference.ScratchMapping(weights);
            return new MaskedMappingNetwork(shape.LatentChannels, shape.Width, shape.Blocks, shape.NonLocalBlocks);
        });

    /// <summary>The HR mapping (<c>mapping_Patch_Attention/latest_net_mapping_net.pth</c>).</summary>
    public static PatchAttentionMapping LoadPatchAttentionMapping(string path, ArchitecturePreset? preset = null) =>
        Load(path, weights =>
        {
            if (preset is not null)
            {
                return preset.CreatePatchAttentionMapping(officialInit: false);
            }

            var shape = ArchitectureInference.PatchAttentionMapping(weights);
            return new PatchAttentionMapping(shape.LatentChannels, shape.Width);
        });

    /// <summary>The scratch detector (<c>detection/FT_Epoch_latest.pt</c>, weights under <c>model_state</c>).</summary>
    public static ScratchUNet LoadDetector(string path, ArchitecturePreset? preset = null) =>
        Load(path, weights =>
        {
            if (preset is not null)
            {
                return preset.CreateDetector();
            }

            var shape = ArchitectureInference.Detector(weights);
            return new ScratchUNet(shape.Wf, shape.Depth, shape.InputChannels, shape.OutputChannels);
        });

    /// <summary>A multiscale discriminator; input channels, scales and spectral norm are read off the file.</summary>
    public static MultiscaleDiscriminator LoadDiscriminator(string path) =>
        Load(path, weights =>
        {
            var shape = ArchitectureInference.Discriminator(weights);
            return new MultiscaleDiscriminator(shape.InputChannels, shape.Width, shape.Layers, shape.Scales, shape.SpectralNorm);
        });

    private static T Load<T>(string path, Func<StateDict, T> build)
        where T : torch.nn.Module
    {
        using var weights = PyTorchCheckpoint.Read(path);
        var network = build(weights);
        try
        {
            StateDictLoader.LoadStrict(network, weights, path);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
