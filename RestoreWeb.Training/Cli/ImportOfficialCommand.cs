using System.CommandLine;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Export;

namespace RestoreWeb.Training.Cli;

internal static class ImportOfficialCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("checkpoints")
        {
            Description = "The official 'checkpoints' folder (with restoration/ and detection/) or its restoration/ folder.",
        };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The model package to write (.zip).", Required = true };
        var name = new Option<string>("--name") { Description = "Package name.", DefaultValueFactory = _ => "official" };
        var version = new Option<string>("--version") { Description = "Package semantic version.", DefaultValueFactory = _ => "1.0.0" };
        var forGpu = ExportCommand.ForGpuOption();
        var command = new Command("import-official", "Turn the published checkpoints into a RestoreWeb model package.")
        {
            folder, output, name, version, forGpu,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration;
            try
            {
                var manifest = OfficialImporter.Import(
                    parse.GetRequiredValue(folder).FullName,
                    parse.GetRequiredValue(output).FullName,
                    parse.GetRequiredValue(name),
                    parse.GetRequiredValue(version),
                    new InlineProgress<string>(step => console.Error.WriteLine($"  {step}")),
                    parse.GetValue(forGpu));
                console.Output.WriteLine(
                    $"Wrote {parse.GetRequiredValue(output).FullName}: {manifest.Name} {manifest.Version}, " +
                    $"{manifest.Files.Count} graphs ({string.Join(", ", manifest.Files.Select(f => f.Role))}).");
                return 0;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or CheckpointMismatchException
                                          or InvalidDataException or ModelPackageException)
            {
                console.Error.WriteLine($"import-official: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
