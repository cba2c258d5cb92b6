using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Checkpoints;

public sealed class StateDictLoaderTests
{
    [Fact]
    public void Unknown_missing_and_mis_shaped_keys_are_all_listed_and_nothing_is_loaded()
    {
        using var scope = NewDisposeScope();
        using var vae = new VaeGenerator(8);
        var before = StateDictEntries.Of(vae).ToDictionary(e => e.Key, e => e.Value.clone(), StringComparer.Ordinal);
        var source = StateDictEntries.Of(vae).ToDictionary(e => e.Key, e => zeros_like(e.Value), StringComparer.Ordinal);
        source.Remove("decoder.11.bias");
        source["decoder.99.weight"] = zeros(3);
        source["encoder.1.weight"] = zeros(8, 3, 5, 5);

        var error = Assert.Throws<CheckpointMismatchException>(() => StateDictLoader.LoadStrict(vae, source, "edited.pth"));

        Assert.Equal(["decoder.99.weight [3] Float32"], error.UnknownKeys);
        Assert.Equal(["decoder.11.bias [3] Float32"], error.MissingKeys);
        Assert.Equal(["encoder.1.weight: checkpoint [8, 3, 5, 5] Float32, network [8, 3, 7, 7] Float32"], error.MismatchedKeys);
        Assert.Contains("edited.pth", error.Message, StringComparison.Ordinal);
        Assert.Contains("decoder.99.weight", error.Message, StringComparison.Ordinal);
        Assert.All(StateDictEntries.Of(vae), e => Assert.True(e.Value.equal(before[e.Key]).all().item<bool>(), e.Key));
    }

    [Fact]
    public void Golden_tiny_detector_against_the_official_preset_is_a_listed_mismatch_not_a_partial_load()
    {
        var error = Assert.Throws<CheckpointMismatchException>(() =>
            OfficialCheckpoints.LoadDetector(Golden.PathOf("detector_unet_tiny.state_dict.pth"), ArchitecturePresets.Official));

        Assert.Empty(error.UnknownKeys);
        Assert.Empty(error.MissingKeys);
        Assert.Contains("first.1.weight: checkpoint [8, 1, 7, 7] Float32, network [64, 1, 7, 7] Float32", error.MismatchedKeys);
        // All 156 entries differ in shape except the 20 scalar step counters and the 1-channel last.1.bias.
        Assert.Equal(156 - 20 - 1, error.MismatchedKeys.Count);
    }

    [Fact]
    public void Floating_point_tensors_of_another_precision_are_converted_and_integer_buffers_must_stay_integer()
    {
        using var scope = NewDisposeScope();
        using var block = new UNetConvBlock(2, 3);
        var source = StateDictEntries.Of(block).ToDictionary(
            e => e.Key,
            e => e.Value.is_floating_point() ? full_like(e.Value, 0.5, dtype: float64) : full_like(e.Value, 4),
            StringComparer.Ordinal);

        StateDictLoader.LoadStrict(block, source);

        Assert.All(StateDictEntries.Of(block), e =>
            Assert.Equal(e.Value.is_floating_point() ? 0.5 : 4.0, e.Value.to(float64).mean().item<double>(), 6));

        source["block.2.num_batches_tracked"] = tensor(4.0f);
        var error = Assert.Throws<CheckpointMismatchException>(() => StateDictLoader.LoadStrict(block, source));
        Assert.Single(error.MismatchedKeys);
    }

    [Fact]
    public void A_checkpoint_of_another_network_is_named_as_such()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            OfficialCheckpoints.LoadDetector(Golden.PathOf("vae_full.state_dict.pth")));

        Assert.Contains("scratch detector", error.Message, StringComparison.Ordinal);
        Assert.Contains("first.1.weight", error.Message, StringComparison.Ordinal);
    }
}
