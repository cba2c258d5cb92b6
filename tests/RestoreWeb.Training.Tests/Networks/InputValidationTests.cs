using RestoreWeb.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

/// <summary>Bad sizes and shapes are reported by the network, naming what was expected.</summary>
public sealed class InputValidationTests
{
    private static readonly ArchitecturePreset Tiny = ArchitecturePresets.Compact with
    {
        Name = "tiny", VaeWidth = 4, MappingWidth = 8, MappingBlocks = 1, NonLocalBlocks = 1, DetectorWf = 1,
    };

    [Theory]
    [InlineData(62, 96)]
    [InlineData(64, 98)]
    [InlineData(2, 4)]
    public void VAE_rejects_sides_that_are_not_multiples_of_4(long height, long width)
    {
        using var scope = NewDisposeScope();
        using var vae = Tiny.CreateVae();

        var error = Assert.Throws<ArgumentException>(() => vae.Encode(zeros(1, 3, height, width)));

        Assert.Contains("multiples of 4", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{height}×{width}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VAE_rejects_a_wrong_channel_count_and_a_missing_batch_dimension()
    {
        using var scope = NewDisposeScope();
        using var vae = Tiny.CreateVae();

        var grey = Assert.Throws<ArgumentException>(() => vae.Encode(zeros(1, 1, 8, 8)));
        var unbatched = Assert.Throws<ArgumentException>(() => vae.Encode(zeros(3, 8, 8)));
        var narrowLatent = Assert.Throws<ArgumentException>(() => vae.Decode(zeros(1, 3, 2, 2)));

        Assert.Contains("3 input channels", grey.Message, StringComparison.Ordinal);
        Assert.Contains("4-D", unbatched.Message, StringComparison.Ordinal);
        Assert.Contains("4 input channels", narrowLatent.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(64, 72)]
    [InlineData(8, 16)]
    public void Detector_rejects_sides_that_are_not_multiples_of_16(long height, long width)
    {
        using var scope = NewDisposeScope();
        using var detector = Tiny.CreateDetector();

        var error = Assert.Throws<ArgumentException>(() => detector.call(zeros(1, 1, height, width)));

        Assert.Contains("multiples of 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scratch_mapping_rejects_a_mask_of_the_wrong_size_or_batch()
    {
        using var scope = NewDisposeScope();
        using var mapping = Tiny.CreateScratchMapping();
        var latent = zeros(2, 4, 4, 6);

        var wrongSize = Assert.Throws<ArgumentException>(() => mapping.call(latent, zeros(2, 1, 16, 20)));
        var wrongBatch = Assert.Throws<ArgumentException>(() => mapping.call(latent, zeros(1, 1, 16, 24)));
        var wrongChannels = Assert.Throws<ArgumentException>(() => mapping.call(latent, zeros(2, 3, 16, 24)));

        Assert.All(
            new[] { wrongSize, wrongBatch, wrongChannels },
            e => Assert.Contains("[2, 1, 16, 24]", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Scratch_mapping_rejects_a_mask_on_another_device_by_naming_both()
    {
        using var scope = NewDisposeScope();
        using var mapping = Tiny.CreateScratchMapping();
        // The meta device stands in for a GPU here: a tensor with a shape and no storage, on a device other than the CPU.
        using var mask = zeros(2, 1, 16, 24, device: new Device(DeviceType.META));

        var refused = Assert.Throws<ArgumentException>(() => mapping.call(zeros(2, 4, 4, 6), mask));

        Assert.Contains("got its scratch mask on meta but its input on cpu", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_width_below_twice_the_latent_width_is_rejected_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MappingNetwork(latentChannels: 64, width: 64));
    }

    [Fact]
    public void Mapping_width_beyond_what_the_ramp_reaches_is_rejected_at_construction()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MappingNetwork(latentChannels: 8, width: 256));

        Assert.Contains("at most 16 times the latent width (8)", error.Message, StringComparison.Ordinal);
        using var widest = new MappingNetwork(latentChannels: 8, width: 128, blocks: 1);
        Assert.Equal(128, widest.Width);
    }
}
