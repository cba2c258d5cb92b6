using System.CommandLine;
using System.Globalization;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Data;
using RestoreWeb.Training.Evaluation;
using RestoreWeb.Training.Stages;

namespace RestoreWeb.Training.Cli;

/// <summary>
/// export: the latest checkpoints of a run folder → a model package. With --evaluate the package is scored on the
/// run's held-out photos first and the scores go into its manifest, where the server's registry shows them.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<DirectoryInfo>("--run") { Description = "Run folder of 'train' (one sub-folder per stage).", Required = true };
        var preset = new Option<string>("--preset") { DefaultValueFactory = _ => "compact", Description = "The preset the run was trained with." };
        var name = new Option<string>("--name") { DefaultValueFactory = _ => "starter", Description = "Package name." };
        var version = new Option<string>("--version") { DefaultValueFactory = _ => "1.0.0", Description = "Semantic version of the package." };
        var evaluate = new Option<DirectoryInfo?>("--evaluate") { Description = "Folder of clean photos: score the held-out split (seed and fraction of the run) and record it in the manifest." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1234, Description = "Seed of the run's split." };
        var fraction = new Option<double>("--fraction") { DefaultValueFactory = _ => 0.1, Description = "Validation fraction of the run's split." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Package file to write (.zip).", Required = true };
        var forGpu = ForGpuOption();
        var command = new Command("export", "Export a trained run as a model package.")
        {
            run, preset, name, version, evaluate, seed, fraction, output, forGpu,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            try
            {
                var options = ReadRunOptions(parse.GetRequiredValue(run).FullName, parse.GetRequiredValue(preset));
                string target = parse.GetRequiredValue(output).FullName;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                string packageName = parse.GetRequiredValue(name), packageVersion = parse.GetRequiredValue(version);
                IReadOnlyDictionary<string, double>? metrics = null;
                if (parse.GetValue(evaluate) is { } photos)
                {
                    string scratchPackage = target + ".unscored.zip";
                    try
                    {
                        TrainingPlan.Export(options, scratchPackage, packageName, packageVersion);
                        metrics = Score(scratchPackage, photos.FullName, parse.GetValue(seed), parse.GetValue(fraction), console.Error, cancellationToken);
                    }
                    finally
                    {
                        File.Delete(scratchPackage);
                    }
                }
                var manifest = TrainingPlan.Export(options, target, packageName, packageVersion, metrics, parse.GetValue(forGpu));
                console.Output.WriteLine($"Wrote {target}: {manifest.Name} {manifest.Version}, {new FileInfo(target).Length / 1e6:0.0} MB.");
                foreach (var (key, value) in manifest.Metrics)
                {
                    console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key} = {value:0.####}"));
                }
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException or FileNotFoundException or InvalidDataException
                                          or InvalidOperationException or IOException or ModelPackageException)
            {
                console.Error.WriteLine($"export: {e.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    /// <summary>--for-gpu, shared with import-official.</summary>
    internal static Option<bool> ForGpuOption() =>
        new("--for-gpu") { Description = "Write every convolution directly, as GPUs run fastest (the default Winograd form halves the work on a CPU)." };

    private static StageOptions ReadRunOptions(string runDirectory, string preset)
    {
        if (!Directory.Exists(runDirectory))
        {
            throw new DirectoryNotFoundException($"The run folder {runDirectory} does not exist.");
        }
        TrainingPlan.Preset(preset);
        // The clean-photo folder is recorded in the provenance only; the checkpoints carry the weights.
        string photos = new RunFolder(Path.Combine(runDirectory, VaeStage.CleanPhotos)).ReadManifest()?["options"]?["CleanPhotos"]?.GetValue<string>() ?? "";
        return new StageOptions { CleanPhotos = photos, RunDirectory = runDirectory, Preset = preset };
    }

    private static Dictionary<string, double> Score(string package, string photos, int seed, double fraction, TextWriter log, CancellationToken cancellationToken)
    {
        var opened = ModelPackage.Open(package);
        var dataset = PhotoDataset.Load(photos, 32, 384);
        var images = dataset.ValidationPhotos(fraction, seed).Select(p => (p.Name, EvaluationImages.CropToMultipleOf4(p.Image))).ToList();
        var bar = new ConsoleProgressBar(log, "evaluate", interactive: false);
        var report = new Evaluator(opened).Run(images, dataset.Folder, seed, null, new InlineProgress<double>(p => bar.Report(p, "")), cancellationToken);
        bar.Finish($"{images.Count} held-out photos");
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["validation_photos"] = images.Count };
        foreach (var row in report.Rows)
        {
            string prefix = row.Damage.StartsWith("structured", StringComparison.Ordinal) ? "structured" : "unstructured";
            metrics[$"{prefix}_psnr_input_db"] = row.Input.Psnr;
            metrics[$"{prefix}_ssim_input"] = row.Input.Ssim;
            metrics[$"{prefix}_psnr_baseline_db"] = row.Baseline.Psnr;
            metrics[$"{prefix}_ssim_baseline"] = row.Baseline.Ssim;
            metrics[$"{prefix}_psnr_db"] = row.Model.Psnr;
            metrics[$"{prefix}_ssim"] = row.Model.Ssim;
        }
        if (report.CleanRoundTrip is { } roundTrip)
        {
            metrics["clean_psnr_db"] = roundTrip.Psnr;
            metrics["clean_ssim"] = roundTrip.Ssim;
        }
        return metrics;
    }
}
