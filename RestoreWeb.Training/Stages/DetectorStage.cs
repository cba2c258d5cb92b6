using System.Text.Json.Nodes;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation;
using RestoreWeb.Training.Evaluation;
using RestoreWeb.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Stages;

/// <summary>A detector batch: luma of damaged photos and the exact masks of the damage drawn on them.</summary>
public sealed record DetectorBatch(IReadOnlyList<RgbImage> Damaged, IReadOnlyList<GrayImage> Masks);

/// <summary>
/// The scratch-detection U-Net on synthetic damage: weighted binary cross-entropy (scratch pixels are rare, so they
/// weigh as much in total as the clean ones, capped at 50×), judged on a held-out synthetic set by precision,
/// recall and ROC AUC.
/// </summary>
public sealed class DetectorStage : TrainingStage<DetectorBatch>
{
    public const string StageName = "detector";
    private const double MaxPositiveWeight = 50;

    private readonly StageData _data;
    private readonly DegradationSynthesizer _synthesizer = new(DegradationOptions.Paper with { Holes = HoleOptions.None });
    private readonly ScratchUNet _detector;
    private readonly optim.Optimizer _optimizer;
    private readonly IReadOnlyDictionary<string, nn.Module> _modules;
    private readonly IReadOnlyDictionary<string, optim.Optimizer> _optimizers;
    private readonly DetectorBatch _heldOut;

    public DetectorStage(StageOptions options, ArchitecturePreset preset, StageData data) : base(options, StageName)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        random.manual_seed(options.Seed);
        _detector = OnDevice(preset.CreateDetector());
        _modules = new Dictionary<string, nn.Module>(StringComparer.Ordinal) { ["detector"] = _detector };
        _optimizer = optim.Adam(_detector.parameters(), options.LearningRate, options.Beta1, options.Beta2);
        _optimizers = new Dictionary<string, optim.Optimizer>(StringComparer.Ordinal) { ["detector"] = _optimizer };
        _heldOut = Make(RandomFor(0, "held-out"), _data.Validation, 8);
    }

    public ScratchUNet Detector => _detector;

    public override IReadOnlyDictionary<string, nn.Module> Modules => _modules;

    public override IReadOnlyDictionary<string, optim.Optimizer> Optimizers => _optimizers;

    protected override DetectorBatch MakeBatch(int index) => Make(RandomFor(index), _data.Train, Options.BatchSize);

    protected override IReadOnlyDictionary<string, double> TrainStep(DetectorBatch batch, int step)
    {
        var luma = Luma(batch.Damaged);
        var target = MasksOf(batch.Masks);
        _optimizer.zero_grad();
        var logits = _detector.call(luma);
        var loss = WeightedBce(logits, target);
        loss.backward();
        _optimizer.step();
        return new Dictionary<string, double>(StringComparer.Ordinal) { ["bce"] = loss.item<float>() };
    }

    /// <summary>Precision, recall (at the official 0.4 threshold) and ROC AUC on the held-out synthetic set.</summary>
    public DetectionScores Evaluate() => Score((probabilities, truth) => DetectionScores.Compute(probabilities, truth, DetectionScores.OfficialThreshold));

    /// <summary>
    /// The scores at 0.4 and at the held-out set's best-F1 threshold (what the exporter writes into the package), from
    /// one pass of the detector over the held-out set.
    /// </summary>
    public DetectorCalibration EvaluateAndCalibrate() => Score((probabilities, truth) => new DetectorCalibration(
        DetectionScores.Compute(probabilities, truth, DetectionScores.OfficialThreshold), DetectionScores.Calibrate(probabilities, truth)));

    private T Score<T>(Func<float[], float[], T> score)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        bool training = _detector.training;
        _detector.eval();
        try
        {
            var probabilities = sigmoid(_detector.call(Luma(_heldOut.Damaged))).cpu().data<float>().ToArray();
            var truth = TensorImages.Masks(_heldOut.Masks).data<float>().ToArray();
            return score(probabilities, truth);
        }
        finally
        {
            _detector.train(training);
        }
    }

    protected override IReadOnlyList<IReadOnlyList<RgbImage>> SampleRows()
    {
        var probabilities = sigmoid(_detector.call(Luma(_heldOut.Damaged)));
        return Enumerable.Range(0, 4).Select(i => (IReadOnlyList<RgbImage>)
        [
            _heldOut.Damaged[i],
            Grey(probabilities[i][0]),
            Grey(TensorImages.Masks([_heldOut.Masks[i]])[0][0]),
        ]).ToList();
    }

    protected override void Describe(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest["cleanPhotosSha256"] = _data.Clean.Hash;
        manifest["loss"] = $"binary cross-entropy, positives weighted by the clean/scratch ratio (at most {MaxPositiveWeight})";
    }

    private static Tensor WeightedBce(Tensor logits, Tensor target)
    {
        var positives = target.sum().clamp_min(1);
        var negatives = (1 - target).sum();
        var weight = (negatives / positives).clamp(1, MaxPositiveWeight).detach();
        return nn.functional.binary_cross_entropy_with_logits(logits, target, pos_weights: weight.reshape(1));
    }

    private Tensor Luma(IReadOnlyList<RgbImage> images) =>
        MasksOf(images.Select(RestoreWeb.Inference.Imaging.Luma.Extract).ToList()) * 2 - 1;

    private static RgbImage Grey(Tensor plane)
    {
        var values = plane.detach().cpu().contiguous().data<float>().ToArray();
        var data = new float[values.Length * 3];
        for (int c = 0; c < 3; c++)
        {
            Array.Copy(values, 0, data, c * values.Length, values.Length);
        }
        return new RgbImage((int)plane.shape[1], (int)plane.shape[0], data);
    }

    private DetectorBatch Make(Random random, IReadOnlyList<RgbImage> photos, int count)
    {
        var damaged = new List<RgbImage>(count);
        var masks = new List<GrayImage>(count);
        for (int i = 0; i < count; i++)
        {
            var sample = _synthesizer.Degrade(Data.RandomCrops.Take(photos[random.Next(photos.Count)], Options.CropSize, random), random.Next());
            damaged.Add(sample.Degraded);
            masks.Add(sample.ScratchMask);
        }
        return new DetectorBatch(damaged, masks);
    }
}
