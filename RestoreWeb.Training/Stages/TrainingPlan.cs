using RestoreWeb.Inference.Packages;
using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Evaluation;
using RestoreWeb.Training.Export;
using RestoreWeb.Training.Networks;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Stages;

/// <summary>
/// The stages in their order and the run layout that connects them: <c>&lt;run&gt;/&lt;stage&gt;/</c> per stage, the
/// mapping stages reading the VAEs from the latest checkpoints of vae1 and vae2.
/// </summary>
public static class TrainingPlan
{
    public static readonly string[] Order = [VaeStage.OldPhotos, VaeStage.CleanPhotos, MappingStage.QualityName, MappingStage.ScratchName, DetectorStage.StageName];

    public static ArchitecturePreset Preset(string name) =>
        ArchitecturePresets.All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"Unknown preset '{name}' (known: {string.Join(", ", ArchitecturePresets.All.Select(p => p.Name))}).");

    public static StageOptions ForStage(StageOptions run, string stage) => run with
    {
        RunDirectory = Path.Combine(run.RunDirectory, stage),
        Scratch = stage == MappingStage.ScratchName,
    };

    /// <summary>Runs one stage to its configured step count (resuming when it has checkpoints).</summary>
    public static async Task<StageResult> RunStageAsync(string stage, StageOptions run, StageData data, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var preset = Preset(run.Preset);
        var options = ForStage(run, stage);
        switch (stage)
        {
            case VaeStage.OldPhotos or VaeStage.CleanPhotos:
            {
                using var vae = new VaeStage(options, preset, data, oldPhotos: stage == VaeStage.OldPhotos);
                return await vae.RunAsync(progress, cancellationToken).ConfigureAwait(false);
            }
            case MappingStage.QualityName or MappingStage.ScratchName:
            {
                using var vaeA = LoadTrained(run, VaeStage.OldPhotos, "vae", preset);
                using var vaeB = LoadTrained(run, VaeStage.CleanPhotos, "vae", preset);
                using var mapping = new MappingStage(options, preset, data, vaeA, vaeB);
                return await mapping.RunAsync(progress, cancellationToken).ConfigureAwait(false);
            }
            case DetectorStage.StageName:
            {
                using var detector = new DetectorStage(options, preset, data);
                var result = await detector.RunAsync(progress, cancellationToken).ConfigureAwait(false);
                detector.EvaluateAndCalibrate().Write(options.RunDirectory);
                return result;
            }
            default:
                throw new ArgumentException($"Unknown stage '{stage}' (stages: {string.Join(", ", Order)}).");
        }
    }

    /// <summary>The latest checkpoint of a finished stage's network, strictly loaded.</summary>
    public static VaeGenerator LoadTrained(StageOptions run, string stage, string module, ArchitecturePreset preset)
    {
        ArgumentNullException.ThrowIfNull(run);
        var folder = new RunFolder(Path.Combine(run.RunDirectory, stage));
        int step = folder.LatestCheckpointStep() ?? throw new InvalidOperationException(
            $"Stage '{stage}' has no checkpoint in '{folder.Directory}': run it before the mapping stages.");
        return OfficialCheckpoints.LoadVae(folder.CheckpointPath(step, $"{module}.pth"), preset);
    }

    /// <summary>Exports the trained networks of a run as a model package.</summary>
    public static ModelManifest Export(StageOptions run, string packagePath, string name, string version, IReadOnlyDictionary<string, double>? metrics = null, bool forGpu = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        var preset = Preset(run.Preset);
        string Latest(string stage, string module)
        {
            var folder = new RunFolder(Path.Combine(run.RunDirectory, stage));
            int step = folder.LatestCheckpointStep() ?? throw new InvalidOperationException($"Stage '{stage}' has no checkpoint to export.");
            return folder.CheckpointPath(step, $"{module}.pth");
        }
        using var vaeA = OfficialCheckpoints.LoadVae(Latest(VaeStage.OldPhotos, "vae"), preset);
        using var vaeB = OfficialCheckpoints.LoadVae(Latest(VaeStage.CleanPhotos, "vae"), preset);
        using var quality = OfficialCheckpoints.LoadQualityMapping(Latest(MappingStage.QualityName, "mapping"), preset);
        using var scratch = OfficialCheckpoints.LoadScratchMapping(Latest(MappingStage.ScratchName, "mapping"), preset);
        using var detector = OfficialCheckpoints.LoadDetector(Latest(DetectorStage.StageName, "detector"), preset);
        foreach (var module in new TorchSharp.torch.nn.Module[] { vaeA, vaeB, quality, scratch, detector })
        {
            module.eval();
        }
        var weights = new RestorationWeights(vaeA.state_dict(), vaeB.state_dict(), quality.state_dict(), vaeB.state_dict(), scratch.state_dict(), detector.state_dict());
        var provenance = new Provenance
        {
            Command = $"train all --photos {run.CleanPhotos} --run {run.RunDirectory} --preset {run.Preset} --steps {run.Steps}",
            GitCommit = GitCommit.Read(),
            Seed = run.Seed,
            Notes = run.RealOldPhotos is null ? "R was the synthetic stand-in (no real old photos given)." : $"R: {run.RealOldPhotos}",
        };
        var calibration = DetectorCalibration.Read(Path.Combine(run.RunDirectory, DetectorStage.StageName));
        var input = ModelPackageExporter.InputFor(preset) with
        {
            DetectorThreshold = calibration?.Calibrated.Threshold ?? DetectionScores.OfficialThreshold,
        };
        return ModelPackageExporter.Export(packagePath, weights, preset, name, version, ModelSource.Trained, provenance, metrics, input, forGpu);
    }
}
