using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Stages;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Stages;

/// <summary>Real TorchSharp training steps of every stage on tiny data (32-pixel crops of small synthetic photos).</summary>
public sealed class StageTests(TinyPhotoFolder photos, VggWeightsFile vgg, ITestOutputHelper output)
    : IClassFixture<TinyPhotoFolder>, IClassFixture<VggWeightsFile>, IDisposable
{
    private readonly string _run = Directory.CreateTempSubdirectory("restoreweb-run-").FullName;

    public static readonly ArchitecturePreset Micro = ArchitecturePresets.Compact with
    {
        Name = "compact", VaeWidth = 8, MappingWidth = 16, MappingBlocks = 1, NonLocalBlocks = 1, DetectorWf = 2,
        DiscriminatorWidth = 8, LatentDiscriminatorWidth = 8,
    };

    public void Dispose() => Directory.Delete(_run, recursive: true);

    [Theory]
    [InlineData(VaeStage.OldPhotos)]
    [InlineData(VaeStage.CleanPhotos)]
    public async Task Vae_stage_learns_to_reconstruct_held_out_crops(string stage)
    {
        var options = Options(steps: 40, batch: 4) with { RunDirectory = Path.Combine(_run, stage), LearningRate = 2e-3, SampleEvery = 10 };
        var data = StageData.Load(options);
        using var vae = new VaeStage(options, Micro, data, oldPhotos: stage == VaeStage.OldPhotos);
        var heldOut = RestoreWeb.Training.Stages.TensorImages.Batch(
            data.Validation.Select((photo, i) => RestoreWeb.Training.Data.RandomCrops.Take(photo, 32, new Random(i))).ToList());
        double before = ReconstructionL1(vae.Vae, heldOut);

        var result = await vae.RunAsync();

        double after = ReconstructionL1(vae.Vae, heldOut);
        output.WriteLine($"{stage}: held-out reconstruction L1 {before:F4} → {after:F4}; {result.SamplesPerSecond:F1} samples/s, CPU busy {result.CpuBusy:P0}");
        Assert.True(after < 0.9 * before, $"held-out reconstruction L1 went from {before:F4} to {after:F4}");
        Assert.True(File.Exists(Path.Combine(options.RunDirectory, $"{stage}-losses.png")));
        Assert.NotEmpty(Directory.GetFiles(vae.Run.SampleDirectory, "*.png"));
        Assert.Equal(40, vae.Run.LatestCheckpointStep());

        // The stage scores its own held-out crops at step 0 and at every sample step; they improve as the L1 above does.
        var (steps, scores) = vae.Run.ReadValidation();
        Assert.Equal([0, 10, 20, 30, 40], steps);
        output.WriteLine($"{stage}: validation PSNR {string.Join(" → ", scores["psnr_db"].Select(v => v.ToString("F2")))} dB");
        Assert.True(scores["psnr_db"][^1] > scores["psnr_db"][0], "held-out reconstruction PSNR did not rise");
        Assert.All(scores["ssim"], v => Assert.InRange(v, -1, 1));
        // Also scored as the pipeline delivers it, in the input's tone.
        output.WriteLine($"{stage}: in the input's tone {string.Join(" → ", scores["psnr_input_tone_db"].Select(v => v.ToString("F2")))} dB");
        Assert.True(scores["psnr_input_tone_db"][^1] > scores["psnr_input_tone_db"][0], "held-out PSNR in the input's tone did not rise");
        Assert.True(File.Exists(Path.Combine(options.RunDirectory, $"{stage}-validation.png")));
        Assert.False(vae.Run.ReadMetrics().Series.ContainsKey("vgg"));
        Assert.Equal("not used (no --vgg given)", vae.Run.ReadManifest()!["vggWeightsSha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task At_gan_weight_0_with_feature_matching_and_noise_off_a_vae_trains_on_its_pixel_loss_alone()
    {
        var options = Options(steps: 4, batch: 2) with
        {
            RunDirectory = Path.Combine(_run, "vae2-plain"), AdversarialWeight = 0, FeatureMatchingWeight = 0, LatentNoise = 0, KlWeight = 0,
        };
        using var vae = new VaeStage(options, Micro, StageData.Load(options), oldPhotos: false);

        await vae.RunAsync();

        var (_, series) = vae.Run.ReadMetrics();
        Assert.All(series["g_gan"].Concat(series["g_feat"]).Concat(series["kl"]), v => Assert.Equal(0, v));
        Assert.All(series["l1"], v => Assert.True(v > 0, $"pixel L1 {v}"));
        Assert.Equal(0, vae.Run.ReadManifest()!["options"]!["AdversarialWeight"]!.GetValue<double>());
    }

    [Fact]
    public async Task With_a_tone_free_l1_the_vae_still_learns_its_held_out_crops_in_the_input_tone_and_the_run_records_it()
    {
        var options = Options(steps: 30, batch: 4) with
        {
            RunDirectory = Path.Combine(_run, "vae2-tone-free"), LearningRate = 2e-3, SampleEvery = 15, ToneFreeL1 = true,
        };
        using var vae = new VaeStage(options, Micro, StageData.Load(options), oldPhotos: false);

        await vae.RunAsync();

        var (_, scores) = vae.Run.ReadValidation();
        output.WriteLine($"tone-free L1: in the input's tone {string.Join(" → ", scores["psnr_input_tone_db"].Select(v => v.ToString("F2")))} dB");
        Assert.True(scores["psnr_input_tone_db"][^1] > scores["psnr_input_tone_db"][0], "held-out PSNR in the input's tone did not rise");
        var toneFree = vae.Run.ReadMetrics().Series["l1"];
        Assert.All(toneFree, v => Assert.True(v > 0, $"pixel L1 {v}"));
        Assert.True(vae.Run.ReadManifest()!["options"]!["ToneFreeL1"]!.GetValue<bool>());

        // The same first step with the plain L1 (same networks, same batch) scores the untrained decoder's own tone; the
        // tone-free one scores its output stretched to the target's spread, which for an untrained decoder is not lower.
        var plainOptions = options with { RunDirectory = Path.Combine(_run, "vae2-plain-l1"), Steps = 1, ToneFreeL1 = false };
        using var plain = new VaeStage(plainOptions, Micro, StageData.Load(plainOptions), oldPhotos: false);
        await plain.RunAsync();
        double plainFirst = plain.Run.ReadMetrics().Series["l1"][0];
        output.WriteLine($"first-step L1: plain {plainFirst:F4}, tone-free {toneFree[0]:F4}");
        Assert.True(Math.Abs(toneFree[0] - plainFirst) > 1e-3, $"the tone-free L1 ({toneFree[0]:F4}) equals the plain one ({plainFirst:F4}) on the same step");
    }

    [Fact]
    public async Task With_vgg19_weights_the_vae_and_mapping_stages_add_the_perceptual_loss_and_record_the_weights_hash()
    {
        string sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(vgg.Path)));
        // Started without the loss, resumed with it: its column starts at the resume.
        var vaeOptions = Options(steps: 2, batch: 2) with { RunDirectory = Path.Combine(_run, "vae2-vgg") };
        using (var vae = new VaeStage(vaeOptions, Micro, StageData.Load(vaeOptions), oldPhotos: false))
        {
            await vae.RunAsync();
        }
        using (var vae = new VaeStage(vaeOptions with { Steps = 5, VggWeights = vgg.Path }, Micro, StageData.Load(vaeOptions), oldPhotos: false))
        {
            await vae.RunAsync();
            var (steps, series) = vae.Run.ReadMetrics();
            Assert.Equal([1, 2, 3, 4, 5], steps);
            Assert.All(series["vgg"].Take(2), v => Assert.True(double.IsNaN(v)));
            AssertPerceptualLoss(vae.Run, 3, sha256);
            Assert.True(File.Exists(Path.Combine(vae.Run.Directory, "vae2-losses.png")));
        }

        var mappingOptions = Options(steps: 3, batch: 2) with { RunDirectory = Path.Combine(_run, "mapping-vgg"), VggWeights = vgg.Path };
        random.manual_seed(3);
        using var vaeA = Micro.CreateVae();
        using var vaeB = Micro.CreateVae();
        using var mapping = new MappingStage(mappingOptions, Micro, StageData.Load(mappingOptions), vaeA, vaeB);
        await mapping.RunAsync();
        AssertPerceptualLoss(mapping.Run, 3, sha256);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Mapping_stage_latent_loss_falls_and_the_vaes_stay_frozen(bool scratch)
    {
        var options = Options(steps: 30, batch: 2) with { RunDirectory = Path.Combine(_run, "mapping"), Scratch = scratch, LearningRate = 2e-3 };
        random.manual_seed(3);
        using var vaeA = Micro.CreateVae();
        using var vaeB = Micro.CreateVae();
        var before = Snapshot(vaeA).Concat(Snapshot(vaeB)).ToList();
        using var mapping = new MappingStage(options, Micro, StageData.Load(options), vaeA, vaeB);

        var result = await mapping.RunAsync();

        AssertFalls(mapping.Run, "latent_l1", result);
        var (steps, scores) = mapping.Run.ReadValidation();
        Assert.Equal([0, 30], steps);
        Assert.All(scores["psnr_db"].Concat(scores["psnr_input_tone_db"]), v => Assert.True(double.IsFinite(v) && v > 0, $"validation PSNR {v}"));
        var after = Snapshot(vaeA).Concat(Snapshot(vaeB)).ToList();
        Assert.All(before.Zip(after), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>(), "a frozen VAE weight changed"));
        Assert.All(vaeA.parameters().Concat(vaeB.parameters()), p => Assert.False(p.requires_grad));
    }

    [Fact]
    public async Task Detector_learns_to_find_synthetic_scratches_better_than_chance()
    {
        var options = Options(steps: 60, batch: 4) with { RunDirectory = Path.Combine(_run, "detector"), CropSize = 64, LearningRate = 2e-3 };
        using var detector = new DetectorStage(options, Micro, StageData.Load(options));
        var untrained = detector.Evaluate();

        var result = await detector.RunAsync();
        var (trained, calibrated) = detector.EvaluateAndCalibrate();

        output.WriteLine($"AUC {untrained.Auc:F3} → {trained.Auc:F3}, precision {trained.Precision:F3}, recall {trained.Recall:F3}, CPU busy {result.CpuBusy:P0}");
        Assert.True(trained.Positives > 0 && trained.Negatives > 0);
        Assert.True(trained.Auc > 0.65, $"AUC after training is {trained.Auc:F3}");
        AssertFalls(detector.Run, "bce", result);

        // 0.4 is on the calibration grid, so the calibrated threshold can only do as well or better.
        output.WriteLine($"calibrated threshold {calibrated.Threshold:F2}: F1 {calibrated.F1:F3} (at 0.4: {trained.F1:F3})");
        Assert.True(calibrated.F1 >= trained.F1);
        Assert.Equal(trained.Auc, calibrated.Auc);
    }

    [Fact]
    public async Task Resuming_from_a_checkpoint_continues_bit_exactly()
    {
        var straight = Options(steps: 6, batch: 2) with { RunDirectory = Path.Combine(_run, "straight"), CheckpointEvery = 3, SampleEvery = 2 };
        var interrupted = straight with { RunDirectory = Path.Combine(_run, "interrupted") };
        var data = StageData.Load(straight);

        ValidationScore? straightScore;
        using (var stage = new VaeStage(straight, Micro, data, oldPhotos: true))
        {
            straightScore = (await stage.RunAsync()).Validation;
        }
        // The interrupted run is stopped one step past its step-3 checkpoint, as a crash or Ctrl+C would: the metrics
        // and validation rows of step 4 must go, and come back the same.
        using (var stage = new VaeStage(interrupted, Micro, data, oldPhotos: true))
        {
            await StopAfterStepAsync(stage, 4);
            Assert.Equal(3, stage.Run.LatestCheckpointStep());
        }
        using (var stage = new VaeStage(interrupted, Micro, data, oldPhotos: true))
        {
            var progress = new List<StageProgress>();
            var result = await stage.RunAsync(new RestoreWeb.Inference.Pipeline.InlineProgress<StageProgress>(progress.Add));
            Assert.Equal(3, result.StepsRun);
            // The first report after the resume already carries the step-2 score, read back from validation.csv.
            Assert.Equal(2, progress[0].Validation?.Step);
            Assert.Equal(straightScore, result.Validation);
            Assert.Equal(6, result.Validation?.Step);
        }

        foreach (string file in new[] { "vae.pth", "discriminator.pth", "latent_discriminator.pth" })
        {
            using var a = RestoreWeb.Training.Checkpoints.PyTorchCheckpoint.Read(new RunFolder(straight.RunDirectory).CheckpointPath(6, file));
            using var b = RestoreWeb.Training.Checkpoints.PyTorchCheckpoint.Read(new RunFolder(interrupted.RunDirectory).CheckpointPath(6, file));
            Assert.Equal(a.Keys, b.Keys);
            Assert.All(a.Keys, key => Assert.True(a[key].equal(b[key]).all().item<bool>(), $"{file} {key} differs after resume"));
        }
        AssertSameRows(straight.RunDirectory, interrupted.RunDirectory);
        Assert.Equal([0, 2, 4, 6], new RunFolder(interrupted.RunDirectory).ReadValidation().Steps);
    }

    [Fact]
    public async Task A_run_stopped_before_its_first_checkpoint_starts_over_with_fresh_metric_and_validation_rows()
    {
        var straight = Options(steps: 4, batch: 2) with { RunDirectory = Path.Combine(_run, "straight"), SampleEvery = 2 };
        var restarted = straight with { RunDirectory = Path.Combine(_run, "restarted") };
        var data = StageData.Load(straight);
        using (var stage = new VaeStage(straight, Micro, data, oldPhotos: false))
        {
            await stage.RunAsync();
        }
        using (var stage = new VaeStage(restarted, Micro, data, oldPhotos: false))
        {
            await StopAfterStepAsync(stage, 3);
            Assert.Null(stage.Run.LatestCheckpointStep());
        }
        using (var stage = new VaeStage(restarted, Micro, data, oldPhotos: false))
        {
            await stage.RunAsync();
        }

        AssertSameRows(straight.RunDirectory, restarted.RunDirectory);
        Assert.Equal([0, 2, 4], new RunFolder(restarted.RunDirectory).ReadValidation().Steps);
    }

    [Fact]
    public void The_learning_rate_is_constant_then_decays_linearly_to_zero()
    {
        var schedule = LearningRateSchedule.Official(2e-4, totalSteps: 1000);

        Assert.Equal(2e-4, schedule.At(0));
        Assert.Equal(2e-4, schedule.At(499));
        Assert.Equal(2e-4, schedule.At(500));
        Assert.Equal(1e-4, schedule.At(750), 12);
        Assert.Equal(2e-4 * 0.002, schedule.At(999), 12);
        Assert.Equal(0, schedule.At(1000));
    }

    [Fact]
    public void Bad_data_folders_are_named_in_the_error()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_run, "empty")).FullName;

        var missing = Assert.Throws<DirectoryNotFoundException>(() => StageData.Load(Options(1, 1) with { CleanPhotos = Path.Combine(_run, "nope") }));
        Assert.Contains("nope", missing.Message, StringComparison.Ordinal);
        var none = Assert.Throws<InvalidDataException>(() => StageData.Load(Options(1, 1) with { CleanPhotos = empty }));
        Assert.Contains("has no photos", none.Message, StringComparison.Ordinal);
        var small = Assert.Throws<InvalidDataException>(() => StageData.Load(Options(1, 1) with { CropSize = 256 }));
        Assert.Contains("smaller than the 256-pixel crop", small.Message, StringComparison.Ordinal);
    }

    private StageOptions Options(int steps, int batch) => new()
    {
        CleanPhotos = photos.Path,
        RunDirectory = _run,
        Preset = "compact",
        Steps = steps,
        BatchSize = batch,
        CropSize = 32,
        CheckpointEvery = steps,
        SampleEvery = steps,
        ValidationFraction = 0.2,
        Seed = 7,
    };

    /// <summary>The two runs wrote the same metric and validation rows, byte for byte.</summary>
    private static void AssertSameRows(string expectedRun, string actualRun)
    {
        foreach (string csv in new[] { "metrics.csv", "validation.csv" })
        {
            Assert.Equal(File.ReadAllLines(Path.Combine(expectedRun, csv)), File.ReadAllLines(Path.Combine(actualRun, csv)));
        }
    }

    /// <summary>Runs the stage and cancels it once step <paramref name="step"/> has finished, as Ctrl+C would.</summary>
    private static async Task StopAfterStepAsync(VaeStage stage, int step)
    {
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            stage.RunAsync(new RestoreWeb.Inference.Pipeline.InlineProgress<StageProgress>(p =>
            {
                if (p.Step == step)
                {
                    stop.Cancel();
                }
            }), stop.Token));
    }

    private void AssertFalls(RunFolder run, string loss, StageResult result)
    {
        var (_, series) = run.ReadMetrics();
        var values = series[loss];
        int window = Math.Max(3, values.Count / 4);
        double first = values.Take(window).Average(), last = values.TakeLast(window).Average();
        output.WriteLine($"{run.Directory}: {loss} {first:F4} → {last:F4}; {result.SamplesPerSecond:F1} samples/s, CPU busy {result.CpuBusy:P0}, waited {result.ProducerWaitShare:P0}");
        Assert.True(last < first, $"{loss} rose from {first:F4} to {last:F4}");
    }

    /// <summary>The last <paramref name="steps"/> rows logged a VGG loss, and the manifest names the weights.</summary>
    private static void AssertPerceptualLoss(RunFolder run, int steps, string sha256)
    {
        var logged = run.ReadMetrics().Series["vgg"].TakeLast(steps).ToList();
        Assert.Equal(steps, logged.Count);
        Assert.All(logged, v => Assert.True(double.IsFinite(v) && v > 0, $"VGG loss {v}"));
        Assert.Equal(sha256, run.ReadManifest()!["vggWeightsSha256"]!.GetValue<string>());
    }

    private static double ReconstructionL1(VaeGenerator vae, Tensor images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        bool training = vae.training;
        vae.eval();
        double l1 = nn.functional.l1_loss(vae.forward(images), images).item<float>();
        vae.train(training);
        return l1;
    }

    private static List<Tensor> Snapshot(nn.Module module) => module.parameters().Select(p => p.detach().clone()).ToList();
}
