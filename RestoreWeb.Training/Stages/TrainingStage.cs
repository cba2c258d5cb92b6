using System.Diagnostics;
using System.Text.Json.Nodes;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Data;
using RestoreWeb.Training.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Stages;

/// <summary>
/// The loop every stage shares: resume from the last checkpoint, batches from a bounded background producer,
/// one dispose scope per step, the learning-rate schedule, metrics, checkpoints, loss curves, sample grids and held-out
/// validation scores.
/// Batch k and the noise of step k depend only on (seed, k), so a resumed run repeats exactly what an
/// uninterrupted run would have done. On the CPU that is bit-exact; on a GPU the batches and the noise are the same, but
/// some CUDA kernels (transposed convolutions, reflection padding, cuDNN's algorithm choice) do not repeat bit for bit.
/// </summary>
public abstract class TrainingStage<TBatch> : IDisposable
{
    private readonly bool _usesPerceptualLoss;
    private readonly PerceptualLoss? _perceptual;

    /// <param name="usesPerceptualLoss">The stage draws images the VGG perceptual loss can judge (given <c>--vgg</c>).</param>
    protected TrainingStage(StageOptions options, string name, bool usesPerceptualLoss = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Name = name;
        Run = new RunFolder(options.RunDirectory);
        Schedule = options.DecayStartStep is int decay
            ? new LearningRateSchedule(options.LearningRate, options.Steps, decay)
            : LearningRateSchedule.Official(options.LearningRate, options.Steps);
        _usesPerceptualLoss = usesPerceptualLoss;
        Device = TrainingDevice.Resolve(options.Device);
        // Before the derived stage seeds and builds its networks: a file that is not VGG19 fails first, and the seeded
        // networks start the same with or without it.
        _perceptual = usesPerceptualLoss && options.VggWeights is not null ? PerceptualLoss.Load(options.VggWeights) : null;
        _perceptual?.MoveTo(Device);
    }

    /// <summary>Where the networks and every step's tensors live (<see cref="StageOptions.Device"/>, resolved).</summary>
    public Device Device { get; }

    /// <summary>Threads making batches (<see cref="StageOptions.DataWorkers"/>, resolved for <see cref="Device"/>).</summary>
    public int DataWorkers => Options.DataWorkers > 0
        ? Options.DataWorkers
        : Device.type == DeviceType.CPU ? 1 : Math.Clamp(Environment.ProcessorCount - 2, 1, 4);

    /// <summary>
    /// <paramref name="network"/> moved to <see cref="Device"/>. Networks must be moved before their optimizer is made:
    /// the optimizer keeps the parameter tensors it was given.
    /// </summary>
    protected T OnDevice<T>(T network) where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(network);
        network.to(Device);
        return network;
    }

    /// <summary>Images as a batch tensor on <see cref="Device"/>.</summary>
    protected Tensor BatchOf(IReadOnlyList<RgbImage> images) => TensorImages.Batch(images, Device);

    /// <summary>Masks as an N×1×H×W tensor on <see cref="Device"/>.</summary>
    protected Tensor MasksOf(IReadOnlyList<GrayImage> masks) => TensorImages.Masks(masks, Device);

    public StageOptions Options { get; }

    public string Name { get; }

    public RunFolder Run { get; }

    public LearningRateSchedule Schedule { get; }

    /// <summary>Networks saved in checkpoints (trained ones and the frozen ones the stage depends on).</summary>
    public abstract IReadOnlyDictionary<string, nn.Module> Modules { get; }

    public abstract IReadOnlyDictionary<string, optim.Optimizer> Optimizers { get; }

    /// <summary>Builds batch <paramref name="index"/>; runs on a producer thread, so it must not touch the networks.</summary>
    protected abstract TBatch MakeBatch(int index);

    /// <summary>One optimisation step; returns the named losses.</summary>
    protected abstract IReadOnlyDictionary<string, double> TrainStep(TBatch batch, int step);

    /// <summary>Rows of images for the sample grid (e.g. input | output | target) on fixed validation inputs.</summary>
    protected abstract IReadOnlyList<IReadOnlyList<RgbImage>> SampleRows();

    /// <summary>How many held-out crops <see cref="ValidationPairs"/> scores.</summary>
    protected const int ValidationCrops = 16;

    private const string PsnrColumn = "psnr_db", SsimColumn = "ssim", TonePsnrColumn = "psnr_input_tone_db";

    /// <summary>
    /// The stage's output on fixed held-out crops, each with what it should be. Scored (PSNR, SSIM, and PSNR after the
    /// pipeline's input tone) at every sample step into validation.csv and a chart: the losses of a GAN stage do not say
    /// whether its pictures still improve. None by default; called with gradients off and the networks in eval mode.
    /// </summary>
    protected virtual IReadOnlyList<ValidationPair> ValidationPairs() => [];

    /// <summary>Extra facts for the run manifest (data hashes, the stand-in used for R, …).</summary>
    protected virtual void Describe(JsonObject manifest)
    {
    }

    /// <summary>The VGG perceptual loss of <paramref name="output"/> against <paramref name="target"/> times its weight; null without <c>--vgg</c>.</summary>
    protected Tensor? PerceptualTerm(Tensor output, Tensor target) =>
        _perceptual is null ? null : _perceptual.Compute(output, target) * Options.VggWeight;

    /// <summary>A generator for step <paramref name="step"/>'s random noise, independent of anything else.</summary>
    protected Generator NoiseFor(int step) => new((ulong)StableSeed.Derive(Options.Seed, Name, "noise", step));

    /// <summary>A System.Random for batch <paramref name="index"/>, independent of anything else.</summary>
    protected Random RandomFor(int index, string purpose = "batch") => new(StableSeed.Derive(Options.Seed, Name, purpose, index));

    /// <summary>The newest held-out score of this run (read back from validation.csv on resume); null before the first.</summary>
    public ValidationScore? LatestValidation { get; private set; }

    public async Task<StageResult> RunAsync(IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        int start = Run.LatestCheckpointStep() ?? 0;
        if (start > 0)
        {
            Run.LoadCheckpoint(start, Modules, Optimizers);
            Run.TruncateMetrics(start);
            LatestValidation = LastValidationRow(start);
        }
        WriteManifest(start);
        if (start >= Options.Steps)
        {
            return new StageResult(Name, 0, start, TimeSpan.Zero, 0, 0, 0, new Dictionary<string, double>(), LatestValidation);
        }
        if (start == 0)
        {
            // A run stopped before its first checkpoint starts over; its old rows would otherwise stay ahead of the new ones.
            Run.ClearMetrics();
            // The untrained starting point, so the validation curve shows what training gained.
            WriteSamples(0);
        }

        var process = Process.GetCurrentProcess();
        var cpuAtStart = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        IReadOnlyDictionary<string, double> losses = new Dictionary<string, double>();
        int step = start;
        await using (var producer = new BoundedProducer<TBatch>(MakeBatch, start, Options.QueueCapacity, DataWorkers))
        {
            for (; step < Options.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = await producer.NextAsync(cancellationToken).ConfigureAwait(false);
                SetLearningRate(Schedule.At(step));
                using (var scope = NewDisposeScope())
                {
                    losses = TrainStep(batch, step);
                }
                Run.AppendMetrics(step + 1, losses);

                int done = step + 1 - start;
                double perSecond = done * Options.BatchSize / watch.Elapsed.TotalSeconds;
                var remaining = TimeSpan.FromSeconds((Options.Steps - step - 1) * watch.Elapsed.TotalSeconds / done);
                progress?.Report(new StageProgress(Name, step + 1, Options.Steps, losses, perSecond, remaining, LatestValidation));

                bool last = step + 1 == Options.Steps;
                if ((step + 1) % Options.SampleEvery == 0 || last)
                {
                    WriteSamples(step + 1);
                }
                if ((step + 1) % Options.CheckpointEvery == 0 || last)
                {
                    Run.SaveCheckpoint(step + 1, Modules, Optimizers);
                    WriteCharts(step + 1);
                }
            }
            watch.Stop();
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuAtStart).TotalSeconds / (watch.Elapsed.TotalSeconds * Environment.ProcessorCount);
            int ran = step - start;
            return new StageResult(Name, ran, step, watch.Elapsed, ran * Options.BatchSize / watch.Elapsed.TotalSeconds, cpu,
                producer.Waited.TotalSeconds / watch.Elapsed.TotalSeconds, losses, LatestValidation);
        }
    }

    public virtual void Dispose()
    {
        _perceptual?.Dispose();
        foreach (var module in Modules.Values)
        {
            module.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    private void SetLearningRate(double rate)
    {
        foreach (var optimizer in Optimizers.Values)
        {
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = rate;
            }
        }
    }

    private void WriteSamples(int step)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var training = Modules.Values.Select(m => m.training).ToList();
        foreach (var module in Modules.Values)
        {
            module.eval();
        }
        try
        {
            SampleGrid.Write(Path.Combine(Run.SampleDirectory, $"{Name}-step-{step:D7}.png"), SampleRows());
            WriteValidation(step);
        }
        finally
        {
            foreach (var (module, wasTraining) in Modules.Values.Zip(training))
            {
                module.train(wasTraining);
            }
        }
    }

    private void WriteValidation(int step)
    {
        var pairs = ValidationPairs();
        if (pairs.Count == 0)
        {
            return;
        }
        // PSNR of the mean squared error over all crops, so one nearly perfect crop cannot dominate the average.
        LatestValidation = new ValidationScore(
            step,
            ImageQuality.Psnr(pairs.Average(p => ImageQuality.MeanSquaredError(p.Output, p.Target))),
            pairs.Average(p => ImageQuality.Ssim(p.Output, p.Target)));
        // What the product delivers: the output in its input's tone (InputTone), outside the masked damage.
        double toned = ImageQuality.Psnr(pairs.Average(p => ImageQuality.MeanSquaredError(
            new RgbImage(p.Output.Width, p.Output.Height, InputTone.Apply([.. p.Output.Data.Select(v => (2 * v) - 1)], p.Input, p.Mask)), p.Target)));
        Run.AppendValidation(step, new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [PsnrColumn] = LatestValidation.PsnrDb,
            [SsimColumn] = LatestValidation.Ssim,
            [TonePsnrColumn] = toned,
        });
        var (steps, series) = Run.ReadValidation(step);
        if (steps.Count > 1)
        {
            LossChart.Write(Path.Combine(Run.Directory, $"{Name}-validation.png"), $"{Name} on {pairs.Count} held-out crops", steps, series);
        }
    }

    private ValidationScore? LastValidationRow(int lastStep)
    {
        var (steps, series) = Run.ReadValidation(lastStep);
        return steps.Count == 0 ? null : new ValidationScore(steps[^1], series[PsnrColumn][^1], series[SsimColumn][^1]);
    }

    private void WriteCharts(int step)
    {
        var (steps, series) = Run.ReadMetrics(step);
        if (steps.Count > 1)
        {
            LossChart.Write(Path.Combine(Run.Directory, $"{Name}-losses.png"), $"{Name} losses", steps, series);
        }
    }

    private void WriteManifest(int resumedAt)
    {
        var manifest = Run.ReadManifest() ?? new JsonObject();
        manifest["stage"] = Name;
        manifest["options"] = System.Text.Json.JsonSerializer.SerializeToNode(Options);
        manifest["gitCommit"] = GitCommit.Read();
        manifest["device"] = Device.ToString();
        manifest["dataWorkers"] = DataWorkers;
        // Where each device took over, so a run begun on the CPU and resumed on a GPU says so.
        var devices = manifest["devices"] as JsonArray ?? [];
        if (devices.Count == 0 || devices[^1]?["device"]?.GetValue<string>() != Device.ToString())
        {
            devices.Add(new JsonObject { ["fromStep"] = resumedAt, ["device"] = Device.ToString() });
        }
        manifest["devices"] = devices.DeepClone();
        var resumes = manifest["resumedAt"] as JsonArray ?? [];
        if (resumedAt > 0)
        {
            resumes.Add(resumedAt);
        }
        manifest["resumedAt"] = resumes.DeepClone();
        if (_usesPerceptualLoss)
        {
            manifest["vggWeightsSha256"] = _perceptual?.WeightsSha256 ?? "not used (no --vgg given)";
        }
        Describe(manifest);
        Run.WriteManifest(manifest);
    }
}
