using System.Text.Json;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Validation;
using RestoreWeb.Training.Cli;
using RestoreWeb.Training.Evaluation;
using RestoreWeb.Training.Export;
using RestoreWeb.Training.Tests.Stages;
using SixLabors.ImageSharp;

namespace RestoreWeb.Training.Tests.Cli;

/// <summary>train → export (with its held-out evaluation in the manifest), validation-set, and register's argument checks.</summary>
public sealed class ExportCommandTests(TinyPhotoFolder photos) : IClassFixture<TinyPhotoFolder>, IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("restoreweb-export-cli-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await TrainingCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_trained_run_exports_as_a_package_whose_manifest_carries_its_held_out_scores()
    {
        string run = Path.Combine(_work, "run"), package = Path.Combine(_work, "models", "starter.zip");
        var trained = await RunAsync("train", "all", "--photos", photos.Path, "--run", run, "--preset", "compact",
            "--steps", "2", "--batch", "2", "--crop", "32", "--checkpoint-every", "2", "--sample-every", "2");
        Assert.True(trained.Exit == 0, trained.Error);

        var exported = await RunAsync("export", "--run", run, "--preset", "compact", "--name", "starter", "--version", "0.0.1",
            "--evaluate", photos.Path, "-o", package);

        Assert.True(exported.Exit == 0, exported.Error);
        Assert.Contains("starter 0.0.1", exported.Output, StringComparison.Ordinal);
        var opened = ModelPackage.Open(package);
        Assert.Equal(("starter", "0.0.1", ModelSource.Trained), (opened.Manifest.Name, opened.Manifest.Version, opened.Manifest.Source));
        Assert.Equal(1, opened.Manifest.Metrics["validation_photos"]);
        foreach (string key in new[] { "unstructured_psnr_input_db", "unstructured_psnr_db", "unstructured_ssim", "structured_psnr_baseline_db", "clean_psnr_db", "clean_ssim" })
        {
            Assert.True(double.IsFinite(opened.Manifest.Metrics[key]), key);
        }
        Assert.False(File.Exists(package + ".unscored.zip"));
        Assert.DoesNotContain(ModelPackageExporter.GpuNote, opened.Manifest.Provenance.Notes ?? "", StringComparison.Ordinal);
        string gpuPackage = Path.Combine(_work, "models", "gpu.zip");
        var forGpu = await RunAsync("export", "--run", run, "--preset", "compact", "--for-gpu", "-o", gpuPackage);
        Assert.True(forGpu.Exit == 0, forGpu.Error);
        Assert.Contains(ModelPackageExporter.GpuNote, ModelPackage.Open(gpuPackage).Manifest.Provenance.Notes, StringComparison.Ordinal);

        // The detector stage calibrated its threshold on held-out scratches; the package carries it.
        var calibration = DetectorCalibration.Read(Path.Combine(run, "detector"));
        Assert.NotNull(calibration);
        Assert.Equal(0.4, calibration.Official.Threshold, 6);
        Assert.Equal(calibration.Calibrated.Threshold, opened.Manifest.Input.DetectorThreshold, 6);

        // evaluate scores the same held-out photo as the manifest, and lists it per kind of damage.
        string evaluation = Path.Combine(_work, "evaluation");
        var evaluated = await RunAsync("evaluate", "--package", package, "--photos", photos.Path, "--held-out", "-o", evaluation);

        Assert.True(evaluated.Exit == 0, evaluated.Error);
        string report = await File.ReadAllTextAsync(Path.Combine(evaluation, "report.md"));
        Assert.Contains("# Evaluation of starter 0.0.1", report, StringComparison.Ordinal);
        Assert.Contains("## By damage level", report, StringComparison.Ordinal);
        // Both score what the product serves: the output in the input's tone.
        Assert.Contains("Model output tone: the input's channel means and contrast", report, StringComparison.Ordinal);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The clean photos themselves, restored as they are: {opened.Manifest.Metrics["clean_psnr_db"]:0.00} dB"), report, StringComparison.Ordinal);
        string[] scores = (await File.ReadAllTextAsync(Path.Combine(evaluation, "scores.csv"))).TrimEnd('\n').Split('\n');
        Assert.Equal(3, scores.Length);
        Assert.Equal(["0", "1"], scores.Skip(1).Select(line => line.Split(',')[^8]));
        string heldOut = scores[1].Split(',')[^7];
        Assert.Equal(heldOut, scores[2].Split(',')[^7]);
        Assert.Contains(heldOut, Directory.GetFiles(photos.Path).Select(Path.GetFileName));
        double modelPsnr = double.Parse(scores[1].Split(',')[^2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(opened.Manifest.Metrics["unstructured_psnr_db"], modelPsnr, tolerance: 1e-3);
        foreach (string picture in new[] { "grid.png", "gain.png" })
        {
            Assert.True(Image.Identify(Path.Combine(evaluation, picture)).Width > 0, picture);
        }
    }

    [Fact]
    public async Task Export_names_a_missing_run_and_a_stage_without_checkpoints()
    {
        var missing = await RunAsync("export", "--run", Path.Combine(_work, "nope"), "-o", Path.Combine(_work, "x.zip"));
        Assert.Equal(1, missing.Exit);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(_work, "empty-run"));
        var empty = await RunAsync("export", "--run", Path.Combine(_work, "empty-run"), "-o", Path.Combine(_work, "x.zip"));
        Assert.Equal(1, empty.Exit);
        Assert.Contains("has no checkpoint to export", empty.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work, "x.zip")));
    }

    [Fact]
    public async Task The_validation_set_holds_damaged_crops_of_held_out_photos_with_their_masks_and_licences()
    {
        string folder = Path.Combine(_work, "set");
        var made = await RunAsync("validation-set", "--photos", photos.Path, "--fraction", "0.3", "--size", "48",
            "--unstructured", "2", "--structured", "1", "-o", folder);

        Assert.True(made.Exit == 0, made.Error);
        var index = JsonSerializer.Deserialize<ValidationSetIndex>(await File.ReadAllTextAsync(Path.Combine(folder, "set.json")), ValidationSetIndex.SerializerOptions)!;
        Assert.Equal(["unstructured", "unstructured", "structured"], index.Items.Select(i => i.Damage));
        Assert.Null(index.Items[0].Mask);
        Assert.NotNull(index.Items[2].Mask);
        foreach (var item in index.Items)
        {
            foreach (string? file in new[] { item.Clean, item.Damaged, item.Mask }.Where(f => f is not null))
            {
                var info = Image.Identify(Path.Combine(folder, file!));
                Assert.Equal((48, 48), (info.Width, info.Height));
            }
            Assert.NotEqual(await File.ReadAllBytesAsync(Path.Combine(folder, item.Clean)), await File.ReadAllBytesAsync(Path.Combine(folder, item.Damaged)));
            Assert.StartsWith("photo-", item.Source, StringComparison.Ordinal);
        }

        // The same seed makes the same set.
        string again = Path.Combine(_work, "set-again");
        await RunAsync("validation-set", "--photos", photos.Path, "--fraction", "0.3", "--size", "48", "--unstructured", "2", "--structured", "1", "-o", again);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(folder, "sample-3-damaged.png")), await File.ReadAllBytesAsync(Path.Combine(again, "sample-3-damaged.png")));

        var tooMany = await RunAsync("validation-set", "--photos", photos.Path, "--size", "48", "--unstructured", "9", "-o", Path.Combine(_work, "too-many"));
        Assert.Equal(1, tooMany.Exit);
        Assert.Contains("only 1 photos are held out", tooMany.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_names_a_missing_token_a_bad_address_and_a_broken_package_before_uploading()
    {
        string package = Path.Combine(_work, "broken.zip");
        await File.WriteAllTextAsync(package, "not a package");
        Environment.SetEnvironmentVariable("RESTOREWEB_TOKEN", null);

        var noToken = await RunAsync("register", package, "--server", "http://127.0.0.1:9");
        Assert.Equal(1, noToken.Exit);
        Assert.Contains("--token", noToken.Error, StringComparison.Ordinal);

        var badAddress = await RunAsync("register", package, "--server", "ftp://example.com", "--token", "rw_x");
        Assert.Equal(1, badAddress.Exit);
        Assert.Contains("is not an http(s) address", badAddress.Error, StringComparison.Ordinal);

        var broken = await RunAsync("register", package, "--server", "http://127.0.0.1:9", "--token", "rw_x");
        Assert.Equal(1, broken.Exit);
        Assert.Contains("register:", broken.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Uploading", broken.Error, StringComparison.Ordinal);
    }
}
