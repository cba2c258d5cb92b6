using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Cli;
using RestoreWeb.Training.Export;
using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Checkpoints;
using RestoreWeb.Training.Tests.Support;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Cli;

/// <summary>
/// import-official end to end: the golden state dicts arranged as the published release (checkpoints/restoration/…
/// and checkpoints/detection/FT_Epoch_latest.pt) become a package whose graphs reproduce the official outputs.
/// </summary>
public sealed class ImportOfficialCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"restoreweb-import-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Golden_checkpoints_in_the_official_layout_import_into_a_package_that_reproduces_them(bool forGpu)
    {
        string checkpoints = ArrangeOfficialLayout();
        string package = Path.Combine(_root, "official.zip");
        using var output = new StringWriter();
        using var error = new StringWriter();

        string[] gpu = forGpu ? ["--for-gpu"] : [];
        int exit = await TrainingCli.RunAsync(["import-official", checkpoints, "-o", package, "--version", "1.0.0", .. gpu], output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("official 1.0.0, 5 graphs", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Loading mapping_scratch", error.ToString(), StringComparison.Ordinal);
        var opened = ModelPackage.Open(package);
        Assert.Equal(ModelSource.Imported, opened.Manifest.Source);
        Assert.Equal(128, opened.Manifest.Preset["mappingWidth"]?.GetValue<int>());
        Assert.Equal(3, opened.Manifest.Preset["detectorWf"]?.GetValue<int>());
        Assert.Contains("restoration/mapping_scratch/latest_net_mapping_net.pth", opened.Manifest.Provenance.DataHashes.Keys);
        Assert.Equal(forGpu, opened.Manifest.Provenance.Notes?.Contains(ModelPackageExporter.GpuNote, StringComparison.Ordinal) ?? false);

        using var scope = NewDisposeScope();
        using var model = new OnnxRestorationModel(opened.ToRestorationGraphs(),
            new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu, IntraOpThreads = 2 }));
        float[] restored = model.RestoreScratch(
            Golden.Array("pipeline_scratch_tiny.input_image.npy").data<float>().ToArray(),
            Golden.Array("pipeline_scratch_tiny.input_mask.npy").data<float>().ToArray(), 64, 96);
        Golden.AssertClose(Golden.Array("pipeline_scratch_tiny.output.npy"), tensor(restored, [1, 3, 64, 96]),
            Golden.Tolerance("pipeline_scratch_tiny", "output"), "imported scratch pipeline");
    }

    [Fact]
    public async Task A_folder_without_the_official_networks_is_named_in_the_error()
    {
        Directory.CreateDirectory(Path.Combine(_root, "restoration", "VAE_A_quality"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await TrainingCli.RunAsync(["import-official", _root, "-o", Path.Combine(_root, "x.zip")], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("not an official checkpoint folder", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("VAE_B_quality", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "x.zip")));
    }

    [Fact]
    public async Task A_checkpoint_with_a_mis_shaped_tensor_is_refused_and_no_package_is_written()
    {
        string checkpoints = ArrangeOfficialLayout();
        // Swap in the detector's weights where the quality mapping belongs: keys and shapes are all wrong.
        File.Copy(Golden.PathOf("detector_unet_tiny.state_dict.pth"),
            Path.Combine(checkpoints, "restoration", "mapping_quality", "latest_net_mapping_net.pth"), overwrite: true);
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await TrainingCli.RunAsync(["import-official", checkpoints, "-o", Path.Combine(_root, "bad.zip")], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("import-official:", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "bad.zip")));
    }

    private string ArrangeOfficialLayout()
    {
        string checkpoints = Path.Combine(_root, "checkpoints");
        string restoration = Path.Combine(checkpoints, "restoration");
        string Folder(string name) => Directory.CreateDirectory(Path.Combine(restoration, name)).FullName;

        File.Copy(Golden.PathOf("vae_full.state_dict.pth"), Path.Combine(Folder("VAE_A_quality"), "latest_net_G.pth"));
        File.Copy(Golden.PathOf("vae_full.state_dict.pth"), Path.Combine(Folder("VAE_B_quality"), "latest_net_G.pth"));
        File.Copy(Golden.PathOf("mapping_scratch_tiny.state_dict.pth"), Path.Combine(Folder("mapping_scratch"), "latest_net_mapping_net.pth"));

        // VAE_B_scratch: the pipeline golden stores only the decoder half; its encoder is irrelevant to restoration.
        using (var vaeB = OfficialCheckpoints.LoadVae(Golden.PathOf("vae_full.state_dict.pth")))
        using (var decoder = Golden.StateDict("pipeline_scratch_tiny.vaeB_decoder.state_dict.pth"))
        {
            StateDictLoader.LoadStrict(vaeB.Decoder, decoder.WithPrefix("decoder."), "VAE B decoder half");
            PyTorchCheckpoint.Save(vaeB, Path.Combine(Folder("VAE_B_scratch"), "latest_net_G.pth"));
        }

        // mapping_quality: the golden scratch mapping's tensors under the manifest's key map.
        using (var scratch = OfficialCheckpoints.LoadScratchMapping(Golden.PathOf("mapping_scratch_tiny.state_dict.pth")))
        using (var quality = new MappingNetwork(64, 128, 6))
        {
            var source = scratch.state_dict();
            var mapped = quality.state_dict().Keys.ToDictionary(key => key, key => source[QualityToScratchKey(key)]);
            StateDictLoader.LoadStrict(quality, mapped, "quality mapping from the key map");
            PyTorchCheckpoint.Save(quality, Path.Combine(Folder("mapping_quality"), "latest_net_mapping_net.pth"));
        }

        string detection = Directory.CreateDirectory(Path.Combine(checkpoints, "detection")).FullName;
        TorchSaveFiles.WrapInModelState(Golden.PathOf("detector_unet_tiny.state_dict.pth"), Path.Combine(detection, "FT_Epoch_latest.pt"));
        return checkpoints;
    }

    private static string QualityToScratchKey(string key)
    {
        string[] parts = key.Split('.', 3);
        int index = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        string scratch = index <= 9 ? $"before_NL.{index}" : $"after_NL.{index - 12}";
        return $"{scratch}.{parts[2]}";
    }
}
