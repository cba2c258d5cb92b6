using RestoreWeb.Inference.Packages;
using RestoreWeb.Training.Cli;
using RestoreWeb.Training.Export;
using RestoreWeb.Training.Tests.Export;

namespace RestoreWeb.Training.Tests.Cli;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("restoreweb-bench-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Times_a_model_package_and_prints_one_row_per_size_and_mode()
    {
        string package = Path.Combine(_root, "tiny.zip");
        ModelPackageExporter.Export(package, TinyModels.Weights(seed: 5), TinyModels.Preset, "tiny", "0.1.0", ModelSource.Trained);
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await TrainingCli.RunAsync(["bench", "--package", package, "--sizes", "32,48x32", "--repeat", "2", "--threads", "1"], output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("Timing package tiny 0.1.0", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Execution provider: ", error.ToString(), StringComparison.Ordinal);
        string[] rows = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("| size | mode | plan | first pass ms | ms | peak RSS MB | GFLOP | GFLOP/s |", rows[0]);
        Assert.Equal(6, rows.Length);
        Assert.StartsWith("| 32×32 | quality | whole |", rows[2], StringComparison.Ordinal);
        Assert.StartsWith("| 32×32 | scratch | whole |", rows[3], StringComparison.Ordinal);
        Assert.StartsWith("| 48×32 | quality | whole |", rows[4], StringComparison.Ordinal);
        Assert.StartsWith("| 48×32 | scratch | whole |", rows[5], StringComparison.Ordinal);
        foreach (string row in rows.Skip(2))
        {
            string[] cells = row.Split('|', StringSplitOptions.TrimEntries);
            // Sizes up to 512² are warmed up first on a CPU too, so both columns are measured.
            Assert.True(double.TryParse(cells[4], System.Globalization.CultureInfo.InvariantCulture, out double first) && first >= 0, row);
            Assert.True(double.TryParse(cells[5], System.Globalization.CultureInfo.InvariantCulture, out double ms) && ms >= 0, row);
            Assert.True(double.Parse(cells[8], System.Globalization.CultureInfo.InvariantCulture) > 0, row);
        }
    }

    [Fact]
    public async Task A_missing_package_or_an_unknown_mode_is_named_in_the_error()
    {
        using var output = new StringWriter();
        using var missing = new StringWriter();
        using var mode = new StringWriter();

        int missingExit = await TrainingCli.RunAsync(["bench", "--package", Path.Combine(_root, "nowhere.zip")], output, missing);
        int modeExit = await TrainingCli.RunAsync(["bench", "--package", Path.Combine(_root, "nowhere.zip"), "--modes", "quality,fast"], output, mode);

        Assert.Equal(2, missingExit);
        Assert.Contains("nowhere.zip", missing.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, modeExit);
        Assert.Contains("unknown mode 'fast'", mode.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task A_package_is_timed_as_it_is_and_only_in_the_modes_it_has()
    {
        string package = Path.Combine(_root, "quality-only.zip");
        var weights = TinyModels.Weights(seed: 6);
        ModelPackageExporter.Export(package, weights with { ScratchVaeB = null, ScratchMapping = null, Detector = null },
            TinyModels.Preset, "quality-only", "0.1.0", ModelSource.Trained);
        using var output = new StringWriter();
        using var withPreset = new StringWriter();
        using var scratch = new StringWriter();

        int presetExit = await TrainingCli.RunAsync(["bench", "--package", package, "--preset", "compact"], output, withPreset);
        int scratchExit = await TrainingCli.RunAsync(["bench", "--package", package, "--sizes", "32", "--threads", "1"], output, scratch);

        Assert.Equal(2, presetExit);
        Assert.Contains("leave out --preset and --direct-conv", withPreset.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, scratchExit);
        Assert.Contains("no scratch restoration graphs; use --modes quality", scratch.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }
}
