using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Export;
using RestoreWeb.Training.Networks;

namespace RestoreWeb.Training.Tests.Export;

public sealed class ModelPackageTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"restoreweb-packages-{Guid.NewGuid():N}");

    public ModelPackageTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_package_for_gpus_writes_its_widest_convolutions_directly_and_restores_the_same()
    {
        // A 256-channel mapping is wide enough for the Winograd form; with 16 latent channels it is the widest the
        // mapping's ramp allows.
        var preset = TinyModels.Preset with { VaeWidth = 16, MappingWidth = 256 };
        TorchSharp.torch.random.manual_seed(3);
        var weights = new RestorationWeights(StateOf(preset.CreateVae()), StateOf(preset.CreateVae()), StateOf(preset.CreateQualityMapping()));
        string cpuPath = Path.Combine(_directory, "cpu.zip"), gpuPath = Path.Combine(_directory, "gpu.zip");

        var cpuManifest = ModelPackageExporter.Export(cpuPath, weights, preset, "wide", "1.0.0", ModelSource.Trained);
        var gpuManifest = ModelPackageExporter.Export(gpuPath, weights, preset, "wide", "1.0.0", ModelSource.Trained, forGpu: true);

        var gpu = ModelPackage.Open(gpuPath);
        var cpu = ModelPackage.Open(cpuPath);
        Assert.True(WinogradNodes(cpu) > 0);
        Assert.Equal(0, WinogradNodes(gpu));
        Assert.DoesNotContain(ModelPackageExporter.GpuNote, cpuManifest.Provenance.Notes ?? "", StringComparison.Ordinal);
        Assert.Contains(ModelPackageExporter.GpuNote, gpuManifest.Provenance.Notes, StringComparison.Ordinal);
        var image = new float[3 * 24 * 32];
        var rng = new Random(4);
        for (int i = 0; i < image.Length; i++)
        {
            image[i] = (float)(rng.NextDouble() * 2 - 1);
        }
        var providers = new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu, IntraOpThreads = 1 });
        using var cpuModel = new OnnxRestorationModel(cpu.ToRestorationGraphs(), providers);
        using var gpuModel = new OnnxRestorationModel(gpu.ToRestorationGraphs(), providers);
        float[] viaWinograd = cpuModel.RestoreQuality(image, 24, 32);
        float[] direct = gpuModel.RestoreQuality(image, 24, 32);
        Assert.InRange(viaWinograd.Zip(direct, (a, b) => Math.Abs(a - b)).Max(), 0, 1e-4);
    }

    private static int WinogradNodes(ModelPackage package) =>
        Onnx.ModelProto.Parser.ParseFrom(package.Graph(GraphRole.Quality)).Graph.Node
            .Count(n => n.Name.StartsWith(OnnxWinograd.NodeNameStem, StringComparison.Ordinal));

    private static Dictionary<string, TorchSharp.torch.Tensor> StateOf(TorchSharp.torch.nn.Module module)
    {
        module.eval();
        var state = module.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone(), StringComparer.Ordinal);
        module.Dispose();
        return state;
    }

    [Fact]
    public void Exported_package_describes_itself_and_restores_in_onnx_runtime()
    {
        string path = Export("good.zip");

        var package = ModelPackage.Open(path);

        Assert.Equal("test-model", package.Manifest.Name);
        Assert.Equal("1.2.3", package.Manifest.Version);
        Assert.Equal(ModelSource.Trained, package.Manifest.Source);
        Assert.Equal("test-tiny", package.Manifest.Preset["name"]?.GetValue<string>());
        var preset = package.Manifest.Preset.Deserialize<ArchitecturePreset>(ModelManifest.SerializerOptions);
        Assert.Equal(TinyModels.Preset, preset);
        Assert.Equal(5, package.Manifest.Files.Count);
        Assert.All(Enum.GetValues<GraphRole>(), role => Assert.True(package.Has(role), role.ToString()));
        Assert.All(package.Manifest.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.True(package.Manifest.Costs.QualityFlopsPerPixel > 0);
        Assert.True(package.Manifest.Costs.ScratchFlopsPerPixel > 0);
        Assert.Equal(16, package.Manifest.Costs.AttentionChannels);
        Assert.Equal(42L, package.Manifest.Provenance.Seed);
        Assert.Equal(16, package.Manifest.Input.DetectorSizeMultiple);

        using var model = new OnnxRestorationModel(package.ToRestorationGraphs(),
            new ExecutionProviderSelector(new ExecutionProviderOptions { Preference = ExecutionProviderPreference.Cpu, IntraOpThreads = 1 }));
        float[] restored = model.RestoreQuality(new float[3 * 16 * 20], 16, 20);
        Assert.Equal(3 * 16 * 20, restored.Length);
        Assert.All(restored, v => Assert.InRange(v, -1f, 1f));
    }

    [Fact]
    public void A_flipped_byte_in_a_graph_is_reported_as_corruption()
    {
        string path = Export("corrupt.zip");
        Rewrite(path, (name, bytes) => name == GraphSignature.FileName(GraphRole.Detector) ? Flip(bytes, bytes.Length / 2) : bytes);

        var error = Assert.Throws<ModelPackageException>(() => ModelPackage.Open(path));

        Assert.Equal(ModelPackageProblem.HashMismatch, error.Problem);
        Assert.Contains("detect_scratches.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_not_a_package()
    {
        string path = Path.Combine(_directory, "notes.zip");
        File.WriteAllText(path, "these are not the weights you are looking for");

        var error = Assert.Throws<ModelPackageException>(() => ModelPackage.Open(path));

        Assert.Equal(ModelPackageProblem.NotAnArchive, error.Problem);
    }

    [Fact]
    public void A_zip_without_a_manifest_is_a_foreign_archive()
    {
        string path = Path.Combine(_directory, "foreign.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("model.onnx").Open());
            writer.Write("weights");
        }

        var error = Assert.Throws<ModelPackageException>(() => ModelPackage.Open(path));

        Assert.Equal(ModelPackageProblem.MissingManifest, error.Problem);
        Assert.Contains("not a RestoreWeb model package", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_package_format_is_refused_by_name()
    {
        string path = Export("future.zip");
        EditManifest(path, manifest => manifest["formatVersion"] = 99);

        var error = Assert.Throws<ModelPackageException>(() => ModelPackage.Open(path));

        Assert.Equal(ModelPackageProblem.UnsupportedFormat, error.Problem);
        Assert.Contains("format 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_the_manifest_does_not_list_is_refused()
    {
        string path = Export("extra.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            using var writer = new StreamWriter(zip.CreateEntry("graphs/extra.onnx").Open());
            writer.Write("smuggled");
        }

        var error = Assert.Throws<ModelPackageException>(() => ModelPackage.Open(path));

        Assert.Equal(ModelPackageProblem.UnlistedFile, error.Problem);
        Assert.Contains("graphs/extra.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_with_the_wrong_signature_is_refused_even_with_correct_hashes()
    {
        string path = Export("swapped.zip");
        var package = ModelPackage.Open(path);
        byte[] detector = package.Graph(GraphRole.Detector);
        var graphs = Enum.GetValues<GraphRole>().ToDictionary(role => role, package.Graph);
        graphs[GraphRole.Quality] = detector;
        string swapped = Path.Combine(_directory, "swapped-signed.zip");
        ModelPackageWriter.Write(swapped, package.Manifest, graphs);

        var error = Assert.Throws<ModelPackageException>(() => ModelPackage.Open(swapped));

        Assert.Equal(ModelPackageProblem.SignatureMismatch, error.Problem);
        Assert.Contains("Quality", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_that_is_not_semantic_is_refused()
    {
        string path = Export("badversion.zip");
        EditManifest(path, manifest => manifest["version"] = "latest");

        var error = Assert.Throws<ModelPackageException>(() => ModelPackage.Open(path));

        Assert.Equal(ModelPackageProblem.InvalidManifest, error.Problem);
        Assert.Contains("semantic version", error.Message, StringComparison.Ordinal);
    }

    private string Export(string fileName)
    {
        string path = Path.Combine(_directory, fileName);
        ModelPackageExporter.Export(path, TinyModels.Weights(seed: 3), TinyModels.Preset, "test-model", "1.2.3",
            ModelSource.Trained, new Provenance { Seed = 42, Command = "test" });
        return path;
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        bytes[index] ^= 0x5a;
        return bytes;
    }

    private static void EditManifest(string path, Action<JsonObject> edit) =>
        Rewrite(path, (name, bytes) =>
        {
            if (name != ModelPackage.ManifestEntry)
            {
                return bytes;
            }
            var manifest = JsonNode.Parse(bytes)!.AsObject();
            edit(manifest);
            return JsonSerializer.SerializeToUtf8Bytes(manifest);
        });

    private static void Rewrite(string path, Func<string, byte[], byte[]> change)
    {
        var entries = new List<(string Name, byte[] Bytes)>();
        using (var zip = ZipFile.OpenRead(path))
        {
            foreach (var entry in zip.Entries)
            {
                using var content = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(content);
                }
                entries.Add((entry.FullName, change(entry.FullName, content.ToArray())));
            }
        }
        File.Delete(path);
        using var rewritten = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var stream = rewritten.CreateEntry(name).Open();
            stream.Write(bytes);
        }
    }
}
