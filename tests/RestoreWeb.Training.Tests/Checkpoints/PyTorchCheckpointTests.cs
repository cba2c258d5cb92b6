using System.Collections.Specialized;
using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Support;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Checkpoints;

public sealed class PyTorchCheckpointTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("restoreweb-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Golden_detector_in_the_official_model_state_layout_loads_and_reproduces_the_logits()
    {
        using var scope = NewDisposeScope();
        string file = Path.Combine(directory, "FT_Epoch_latest.pt");
        TorchSaveFiles.WrapInModelState(Golden.PathOf("detector_unet_tiny.state_dict.pth"), file);

        using var detector = OfficialCheckpoints.LoadDetector(file);
        detector.eval();
        using var noGrad = no_grad();
        var logits = detector.call(Golden.Array("detector_unet_tiny.input.npy"));

        Golden.AssertClose(
            Golden.Array("detector_unet_tiny.output.npy"), logits, Golden.Tolerance("detector_unet_tiny", "output"),
            "detector from model_state layout");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Golden_VAE_saved_in_the_legacy_pre_zip_format_loads_and_encodes_identically(bool sharedStorages)
    {
        using var scope = NewDisposeScope();
        string file = Path.Combine(directory, "latest_net_G.pth");
        using (var weights = Golden.StateDict("vae_full.state_dict.pth"))
        {
            TorchSaveFiles.WriteLegacy(weights, file, inModelState: false, sharedStorages);
        }

        using var vae = OfficialCheckpoints.LoadVae(file);
        vae.eval();
        using var noGrad = no_grad();

        Golden.AssertClose(
            Golden.Array("vae_full.output_latent.npy"), vae.Encode(Golden.Array("vae_full.input.npy")), 1e-4, "legacy VAE");
    }

    [Fact]
    public void Golden_detector_saved_in_the_legacy_format_under_model_state_loads_with_its_step_counters()
    {
        using var scope = NewDisposeScope();
        string file = Path.Combine(directory, "FT_Epoch_latest.pt");
        using (var weights = Golden.StateDict("detector_unet_tiny.state_dict.pth"))
        {
            TorchSaveFiles.WriteLegacy(weights, file, inModelState: true, sharedStorages: true);
        }

        using var detector = OfficialCheckpoints.LoadDetector(file);
        detector.eval();
        using var noGrad = no_grad();
        var logits = detector.call(Golden.Array("detector_unet_tiny.input.npy"));

        Golden.AssertClose(Golden.Array("detector_unet_tiny.output.npy"), logits, 1e-4, "legacy detector");
        using var reread = PyTorchCheckpoint.Read(file);
        using var original = Golden.StateDict("detector_unet_tiny.state_dict.pth");
        Assert.Equal(original.Keys.Order(StringComparer.Ordinal), reread.Keys.Order(StringComparer.Ordinal));
        Assert.All(reread, e => Assert.True(e.Value.equal(original[e.Key]).all().item<bool>(), e.Key));
    }

    [Fact]
    public void Batch_norm_step_counters_are_read_as_int64_scalars()
    {
        using var weights = Golden.StateDict("detector_unet_tiny.state_dict.pth");

        var counters = weights.Where(e => e.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToList();

        Assert.Equal(20, counters.Count); // 4 down-sampling, 8 down-path and 8 up-path BatchNorms
        Assert.All(counters, c =>
        {
            Assert.Equal(ScalarType.Int64, c.Value.dtype);
            Assert.Empty(c.Value.shape);
        });
    }

    [Fact]
    public void A_DataParallel_module_prefix_on_every_key_is_removed()
    {
        using var scope = NewDisposeScope();
        string file = Path.Combine(directory, "data-parallel.pth");
        using (var weights = Golden.StateDict("vae_full.state_dict.pth"))
        {
            var prefixed = new OrderedDictionary();
            foreach (var (key, value) in weights)
            {
                prefixed.Add("module." + key, value);
            }

            PyTorchPickler.PickleStateDict(file, prefixed);
        }

        using var vae = OfficialCheckpoints.LoadVae(file);
        vae.eval();
        using var noGrad = no_grad();

        Golden.AssertClose(
            Golden.Array("vae_full.output_latent.npy"), vae.Encode(Golden.Array("vae_full.input.npy")), 1e-4, "prefixed VAE");
    }

    [Fact]
    public void Saved_networks_load_back_with_every_tensor_equal_and_widths_inferred()
    {
        using var scope = NewDisposeScope();
        string file = Path.Combine(directory, "compact-detector.pth");
        using var original = ArchitecturePresets.Compact.CreateDetector();
        original.train();
        using (no_grad())
        {
            original.call(randn(2, 1, 32, 32));
        }

        PyTorchCheckpoint.Save(original, file);
        using var reloaded = OfficialCheckpoints.LoadDetector(file);

        Assert.Equal(ArchitecturePresets.Compact.DetectorWf, reloaded.Wf);
        var expected = StateDictEntries.Of(original).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var actual = StateDictEntries.Of(reloaded);
        Assert.Equal(expected.Keys, actual.Select(e => e.Key));
        Assert.All(actual, e => Assert.True(e.Value.equal(expected[e.Key]).all().item<bool>(), e.Key));
        Assert.Contains(actual, e => e.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal) && e.Value.item<long>() == 1);
    }

    [Fact]
    public void A_file_that_is_not_a_torch_save_zip_is_rejected_naming_the_file()
    {
        string file = Path.Combine(directory, "notes.pth");
        File.WriteAllText(file, "these are not weights, just text long enough to have a header");

        var error = Assert.Throws<InvalidDataException>(() => PyTorchCheckpoint.Read(file));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported_as_missing()
    {
        Assert.Throws<FileNotFoundException>(() => PyTorchCheckpoint.Read(Path.Combine(directory, "absent.pth")));
    }
}
