using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Tests.Support;

namespace RestoreWeb.Training.Tests.Checkpoints;

/// <summary>Widths of the golden "tiny" checkpoints are read off their shapes.</summary>
public sealed class ArchitectureInferenceTests
{
    [Fact]
    public void Golden_checkpoints_give_their_constructor_arguments()
    {
        using (var vae = Golden.StateDict("vae_full.state_dict.pth"))
        {
            Assert.Equal(new VaeArchitecture(64, 3), ArchitectureInference.Vae(vae));
        }

        using (var mapping = Golden.StateDict("mapping_scratch_tiny.state_dict.pth"))
        {
            Assert.Equal(new MappingArchitecture(64, 128, 6, 3), ArchitectureInference.ScratchMapping(mapping));
        }

        using (var detector = Golden.StateDict("detector_unet_tiny.state_dict.pth"))
        {
            Assert.Equal(new DetectorArchitecture(3, 4, 1, 1), ArchitectureInference.Detector(detector));
        }

        using (var discriminator = Golden.StateDict("discriminator_tiny.state_dict.pth"))
        {
            Assert.Equal(new DiscriminatorArchitecture(6, 8, 3, 2, true), ArchitectureInference.Discriminator(discriminator));
        }

        using (var latent = Golden.StateDict("discriminator_latent_tiny.state_dict.pth"))
        {
            Assert.Equal(new DiscriminatorArchitecture(64, 8, 3, 1, false), ArchitectureInference.Discriminator(latent));
        }
    }
}
