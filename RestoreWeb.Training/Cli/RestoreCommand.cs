using System.CommandLine;
using System.Globalization;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Training.Cli;

/// <summary>
/// Restores photos from the command line with the same pipeline and, by default, the same model package the web
/// product serves. Outputs keep the input's base name and pixel size.
/// </summary>
internal static class RestoreCommand
{
    private static readonly string[] PhotoExtensions = [".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp", ".gif"];

    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Photo files or folders of photos.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for the restored photos.", Required = true };
        var scratch = new Option<bool>("--with-scratch") { Description = "Repair scratches (detector, plus --mask if given)." };
        var mask = new Option<string?>("--mask") { Description = "A mask PNG (white = scratch) or a folder of masks named like the photos; implies --with-scratch." };
        var package = new Option<FileInfo?>("--package") { Description = $"Model package (.zip); default: {DefaultPackage.RelativePath}." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads (0 = all cores).", DefaultValueFactory = _ => 0 };
        var stretch = new Option<OutputStretch>("--stretch")
        {
            DefaultValueFactory = _ => RestorationRequest.DefaultStretch,
            Description = "The output's tone: InputTone (the photo's own, as the web product does), MinMax (the official stretch, which gives a faded print its contrast back) or Clamp.",
        };
        var command = new Command("restore", "Restore photos with a model package.") { inputs, output, scratch, mask, package, threads, stretch };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            parse.GetRequiredValue(inputs), parse.GetRequiredValue(output), parse.GetValue(scratch), parse.GetValue(mask),
            parse.GetValue(package), parse.GetValue(threads), parse.GetValue(stretch), parse.InvocationConfiguration, cancellationToken)));
        return command;
    }

    private static int Run(string[] inputs, DirectoryInfo outputFolder, bool withScratch, string? mask, FileInfo? packageFile,
        int threads, OutputStretch stretch, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        List<string> photos;
        ModelPackage package;
        try
        {
            photos = ExpandInputs(inputs);
            package = ModelPackage.Open(packageFile?.FullName ?? DefaultPackage.Locate());
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or ModelPackageException)
        {
            console.Error.WriteLine($"restore: {e.Message}");
            return 1;
        }
        withScratch |= mask is not null;
        outputFolder.Create();

        using var pipeline = new RestorationPipeline(package,
            new ExecutionProviderSelector(new ExecutionProviderOptions { IntraOpThreads = threads }), new ImagingOptions(), new PlannerOptions());
        console.Error.WriteLine($"Model {package.Manifest.Name} {package.Manifest.Version} on {pipeline.ExecutionProvider.Provider}"
            + (pipeline.ExecutionProvider.FallbackReason is { } why ? $" ({why})" : string.Empty));

        int failures = 0;
        bool interactive = !Console.IsErrorRedirected && ReferenceEquals(console.Error, Console.Error);
        for (int index = 0; index < photos.Count; index++)
        {
            string photo = photos[index];
            var bar = new ConsoleProgressBar(console.Error, $"[{index + 1}/{photos.Count}] {Path.GetFileName(photo)}", interactive);
            try
            {
                var request = new RestorationRequest(File.ReadAllBytes(photo), RepairScratches: withScratch,
                    UserMask: MaskFor(photo, mask), Stretch: stretch);
                var result = pipeline.Restore(request, new InlineProgress<RestorationProgress>(p => bar.Report(p.Fraction, p.Stage)), cancellationToken);
                string extension = result.Format == OutputFormat.Jpeg ? ".jpg" : ".png";
                string target = Path.Combine(outputFolder.FullName, Path.GetFileNameWithoutExtension(photo) + extension);
                File.WriteAllBytes(target, result.Output);
                bar.Finish(string.Create(CultureInfo.InvariantCulture,
                    $"→ {target} ({result.Width}×{result.Height}, {(result.Plan.Tiled ? $"{result.Plan.TileCount} tiles" : "whole")}, {result.Timings.Values.Sum(t => t.TotalSeconds):0.0} s)"));
            }
            catch (Exception e) when (e is ImageRejectedException or ArgumentException or IOException or InvalidOperationException)
            {
                bar.Finish($"failed: {e.Message}");
                failures++;
            }
        }
        console.Output.WriteLine($"{photos.Count - failures} restored, {failures} failed.");
        return failures == 0 ? 0 : 1;
    }

    private static List<string> ExpandInputs(string[] inputs)
    {
        var photos = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                photos.AddRange(Directory.EnumerateFiles(input)
                    .Where(f => PhotoExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(input))
            {
                photos.Add(input);
            }
            else
            {
                throw new FileNotFoundException($"'{input}' is neither a photo nor a folder.", input);
            }
        }
        if (photos.Count == 0)
        {
            throw new FileNotFoundException($"No photos found in {string.Join(", ", inputs)}.");
        }
        return photos;
    }

    /// <summary>The mask for a photo: the given PNG, or the PNG of the same base name in the given folder.</summary>
    private static GrayImage? MaskFor(string photo, string? mask)
    {
        if (mask is null)
        {
            return null;
        }
        string path = Directory.Exists(mask) ? Path.Combine(mask, Path.GetFileNameWithoutExtension(photo) + ".png") : mask;
        if (!File.Exists(path))
        {
            return Directory.Exists(mask) ? null : throw new FileNotFoundException($"Mask '{path}' does not exist.", path);
        }
        using var image = Image.Load<L8>(path);
        var gray = new GrayImage(image.Width, image.Height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    gray.Data[y * image.Width + x] = row[x].PackedValue >= 128 ? 1f : 0f;
                }
            }
        });
        return gray;
    }
}
