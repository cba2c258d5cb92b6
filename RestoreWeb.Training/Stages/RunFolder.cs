using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RestoreWeb.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Stages;

/// <summary>
/// A stage's folder: run manifest, metrics CSV, loss curves, sample grids and checkpoints. Checkpoints are written
/// to a temporary folder that is renamed into place, and the "latest" pointer is replaced atomically, so a crash
/// or a full disk while checkpointing never damages the last good checkpoint.
/// </summary>
public sealed class RunFolder
{
    private const string LatestPointer = "latest.txt";

    public RunFolder(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        System.IO.Directory.CreateDirectory(CheckpointDirectory);
        System.IO.Directory.CreateDirectory(SampleDirectory);
    }

    public string Directory { get; }

    public string CheckpointDirectory => Path.Combine(Directory, "checkpoints");

    public string SampleDirectory => Path.Combine(Directory, "samples");

    public string MetricsPath => Path.Combine(Directory, "metrics.csv");

    /// <summary>Held-out scores (PSNR, SSIM) of the stage's output, one row per sample step.</summary>
    public string ValidationPath => Path.Combine(Directory, "validation.csv");

    public string ManifestPath => Path.Combine(Directory, "run.json");

    public void WriteManifest(JsonObject manifest) =>
        AtomicWrite(ManifestPath, Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));

    public JsonObject? ReadManifest() =>
        File.Exists(ManifestPath) ? JsonNode.Parse(File.ReadAllText(ManifestPath))?.AsObject() : null;

    /// <summary>Appends one metrics row; the header is written with the first row.</summary>
    public void AppendMetrics(int step, IReadOnlyDictionary<string, double> values) => AppendRow(MetricsPath, step, values);

    /// <summary>Appends one row of held-out scores; the header is written with the first row.</summary>
    public void AppendValidation(int step, IReadOnlyDictionary<string, double> values) => AppendRow(ValidationPath, step, values);

    /// <summary>Rows of the metrics CSV up to and including <paramref name="lastStep"/> (a resumed run drops the rows after its checkpoint).</summary>
    public (List<int> Steps, Dictionary<string, List<double>> Series) ReadMetrics(int lastStep = int.MaxValue) => ReadRows(MetricsPath, lastStep);

    /// <summary>Rows of the validation CSV up to and including <paramref name="lastStep"/>.</summary>
    public (List<int> Steps, Dictionary<string, List<double>> Series) ReadValidation(int lastStep = int.MaxValue) => ReadRows(ValidationPath, lastStep);

    /// <summary>Keeps only the metric and validation rows up to <paramref name="lastStep"/>: what a resume from that step will write again.</summary>
    public void TruncateMetrics(int lastStep)
    {
        TruncateRows(MetricsPath, lastStep);
        TruncateRows(ValidationPath, lastStep);
    }

    /// <summary>Deletes the metric and validation rows: a run that restarts from step 0 writes them all again.</summary>
    public void ClearMetrics()
    {
        File.Delete(MetricsPath);
        File.Delete(ValidationPath);
    }

    /// <summary>
    /// Appends a row in the columns of the file's header. A resumed run may log a loss the earlier part did not (or
    /// no longer log one) when a flag such as <c>--vgg</c> changed: the table then gains the column, and a cell
    /// nobody logged reads NaN, which the charts skip.
    /// </summary>
    private static void AppendRow(string path, int step, IReadOnlyDictionary<string, double> values)
    {
        string[] columns = File.Exists(path) ? ReadHeader(path) : [];
        var line = new StringBuilder();
        if (columns.Length == 0)
        {
            columns = [.. values.Keys];
            line.Append("step,").AppendJoin(',', columns).Append('\n');
        }
        else if (values.Keys.Where(k => !columns.Contains(k, StringComparer.Ordinal)).ToList() is { Count: > 0 } added)
        {
            var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
            var widened = lines.Take(1).Select(h => h + "," + string.Join(',', added))
                .Concat(lines.Skip(1).Select(l => l + string.Concat(added.Select(_ => ",NaN"))));
            AtomicWrite(path, Encoding.UTF8.GetBytes(string.Join('\n', widened) + '\n'));
            columns = [.. columns, .. added];
        }
        line.Append(step.ToString(CultureInfo.InvariantCulture)).Append(',')
            .AppendJoin(',', columns.Select(c => values.TryGetValue(c, out double v) ? v.ToString("R", CultureInfo.InvariantCulture) : "NaN")).Append('\n');
        File.AppendAllText(path, line.ToString());
    }

    private static string[] ReadHeader(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine() is { Length: > 0 } header ? header.Split(',').Skip(1).ToArray() : [];
    }

    private static (List<int> Steps, Dictionary<string, List<double>> Series) ReadRows(string path, int lastStep)
    {
        var steps = new List<int>();
        var series = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return (steps, series);
        }
        var lines = File.ReadAllLines(path);
        var names = lines[0].Split(',').Skip(1).ToArray();
        foreach (string name in names)
        {
            series[name] = [];
        }
        foreach (string line in lines.Skip(1))
        {
            var cells = line.Split(',');
            int step = int.Parse(cells[0], CultureInfo.InvariantCulture);
            if (step > lastStep)
            {
                continue;
            }
            steps.Add(step);
            for (int i = 0; i < names.Length; i++)
            {
                series[names[i]].Add(double.Parse(cells[i + 1], CultureInfo.InvariantCulture));
            }
        }
        return (steps, series);
    }

    private static void TruncateRows(string path, int lastStep)
    {
        if (!File.Exists(path))
        {
            return;
        }
        var lines = File.ReadAllLines(path);
        var kept = lines.Take(1).Concat(lines.Skip(1).Where(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture) <= lastStep));
        AtomicWrite(path, Encoding.UTF8.GetBytes(string.Join('\n', kept) + '\n'));
    }

    public void SaveCheckpoint(int step, IReadOnlyDictionary<string, nn.Module> modules, IReadOnlyDictionary<string, optim.Optimizer> optimizers)
    {
        string name = $"step-{step:D7}";
        string final = Path.Combine(CheckpointDirectory, name);
        string temporary = Path.Combine(CheckpointDirectory, $".{name}.{Guid.NewGuid():N}.tmp");
        System.IO.Directory.CreateDirectory(temporary);
        try
        {
            foreach (var (key, module) in modules)
            {
                PyTorchCheckpoint.Save(module, Path.Combine(temporary, $"{key}.pth"));
            }
            foreach (var (key, optimizer) in optimizers)
            {
                ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(Path.Combine(temporary, $"{key}.optimizer"));
            }
            File.WriteAllText(Path.Combine(temporary, "step.txt"), step.ToString(CultureInfo.InvariantCulture));
            if (System.IO.Directory.Exists(final))
            {
                System.IO.Directory.Delete(final, recursive: true);
            }
            System.IO.Directory.Move(temporary, final);
        }
        catch
        {
            if (System.IO.Directory.Exists(temporary))
            {
                System.IO.Directory.Delete(temporary, recursive: true);
            }
            throw;
        }
        AtomicWrite(Path.Combine(CheckpointDirectory, LatestPointer), Encoding.UTF8.GetBytes(name));
    }

    /// <summary>The step of the last complete checkpoint, or null when there is none.</summary>
    public int? LatestCheckpointStep()
    {
        string pointer = Path.Combine(CheckpointDirectory, LatestPointer);
        if (!File.Exists(pointer))
        {
            return null;
        }
        string folder = Path.Combine(CheckpointDirectory, File.ReadAllText(pointer).Trim());
        return int.Parse(File.ReadAllText(Path.Combine(folder, "step.txt")), CultureInfo.InvariantCulture);
    }

    public string CheckpointPath(int step, string file) => Path.Combine(CheckpointDirectory, $"step-{step:D7}", file);

    public void LoadCheckpoint(int step, IReadOnlyDictionary<string, nn.Module> modules, IReadOnlyDictionary<string, optim.Optimizer> optimizers)
    {
        foreach (var (key, module) in modules)
        {
            using var state = PyTorchCheckpoint.Read(CheckpointPath(step, $"{key}.pth"));
            StateDictLoader.LoadStrict(module, state, $"{key} of checkpoint step {step}");
        }
        foreach (var (key, optimizer) in optimizers)
        {
            ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(CheckpointPath(step, $"{key}.optimizer"));
        }
    }

    private static void AtomicWrite(string path, byte[] content)
    {
        string temporary = path + $".{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
