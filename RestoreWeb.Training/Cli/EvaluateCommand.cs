using System.CommandLine;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Data;
using RestoreWeb.Training.Evaluation;
using RestoreWeb.Training.Reporting;

namespace RestoreWeb.Training.Cli;

/// <summary>evaluate: PSNR/SSIM of input, a classical baseline and the model on a seeded synthetic test set.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var package = new Option<FileInfo?>("--package") { Description = $"Model package; default: {DefaultPackage.RelativePath}." };
        var photos = new Option<DirectoryInfo>("--photos") { Description = "Folder of clean photos.", Required = true };
        var heldOut = new Option<bool>("--held-out") { Description = "Use only the validation split that training held out (same seed and fraction)." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1234, Description = "Seed of the split and of the synthetic damage." };
        var fraction = new Option<double>("--fraction") { DefaultValueFactory = _ => 0.1, Description = "Validation fraction of the training split." };
        var size = new Option<int>("--size") { DefaultValueFactory = _ => 384, Description = "Photos are evaluated with this short side at most." };
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 0, Description = "At most this many photos (0 = all)." };
        var stretch = new Option<OutputStretch>("--stretch") { DefaultValueFactory = _ => RestorationRequest.DefaultStretch, Description = "The output's tone: InputTone (the product's), MinMax (the official test path) or Clamp." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for report.md, scores.csv, grid.png and gain.png.", Required = true };
        var command = new Command("evaluate", "Score a model package against the input and a classical baseline on synthetic damage.")
        {
            package, photos, heldOut, seed, fraction, size, count, stretch, output,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            try
            {
                var opened = ModelPackage.Open(parse.GetValue(package)?.FullName ?? DefaultPackage.Locate());
                var dataset = PhotoDataset.Load(parse.GetRequiredValue(photos).FullName, 32, parse.GetValue(size));
                var images = parse.GetValue(heldOut)
                    ? dataset.ValidationPhotos(parse.GetValue(fraction), parse.GetValue(seed))
                    : dataset.Photos;
                if (parse.GetValue(count) > 0)
                {
                    images = images.Take(parse.GetValue(count)).ToList();
                }
                // The networks need sides that are multiples of 4; crop the last few pixels rather than resample.
                var prepared = images.Select(p => (p.Name, EvaluationImages.CropToMultipleOf4(p.Image))).ToList();
                var folder = parse.GetRequiredValue(output);
                folder.Create();
                bool interactive = !Console.IsErrorRedirected && ReferenceEquals(console.Error, Console.Error);
                var bar = new ConsoleProgressBar(console.Error, "evaluate", interactive);
                var report = new Evaluator(opened, parse.GetValue(stretch)).Run(prepared, dataset.Folder, parse.GetValue(seed),
                    Path.Combine(folder.FullName, "grid.png"), new InlineProgress<double>(p => bar.Report(p, "")), cancellationToken);
                bar.Finish($"{prepared.Count} photos × {report.Rows.Count} kinds of damage");
                string markdown = report.ToMarkdown();
                File.WriteAllText(Path.Combine(folder.FullName, "report.md"), markdown);
                File.WriteAllText(Path.Combine(folder.FullName, "scores.csv"), report.ToCsv());
                GainChart.Write(Path.Combine(folder.FullName, "gain.png"), report.Package, report.Samples);
                console.Output.Write(markdown);
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ModelPackageException)
            {
                console.Error.WriteLine($"evaluate: {e.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }
}
