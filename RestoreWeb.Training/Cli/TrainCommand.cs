using System.CommandLine;
using System.Globalization;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Stages;
using TorchSharp;

namespace RestoreWeb.Training.Cli;

/// <summary>
/// train &lt;stage|all&gt;: the paper's three stages (vae1, vae2, mapping, mapping-scratch) and the detector, each
/// resumable from its last checkpoint, with a progress bar, samples/s and an ETA.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var stage = new Argument<string>("stage") { Description = $"One of {string.Join(", ", TrainingPlan.Order)}, or all." };
        var photos = new Option<DirectoryInfo>("--photos") { Description = "Folder of clean photos (domain Y).", Required = true };
        var real = new Option<DirectoryInfo?>("--real") { Description = "Folder of real old photos (domain R); without it a stand-in is used and reported." };
        var run = new Option<DirectoryInfo>("--run") { Description = "Run folder (one sub-folder per stage).", Required = true };
        var preset = new Option<string>("--preset") { DefaultValueFactory = _ => "compact", Description = "compact or official." };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 2000, Description = "Optimisation steps per stage." };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 4, Description = "Batch size." };
        var crop = new Option<int>("--crop") { DefaultValueFactory = _ => 256, Description = "Square crop size (a multiple of 16)." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1234 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { DefaultValueFactory = _ => 200 };
        var sampleEvery = new Option<int>("--sample-every") { DefaultValueFactory = _ => 200 };
        var klWeight = new Option<double>("--kl-weight") { DefaultValueFactory = _ => 1.0, Description = "Weight of the VAEs' KL term (paper 1; released code 0)." };
        var alpha = new Option<double>("--alpha") { DefaultValueFactory = _ => 1.0, Description = "α, weight of the VAEs' pixel L1 (paper 1)." };
        var latentNoise = new Option<double>("--latent-noise") { DefaultValueFactory = _ => 1.0, Description = "σ of the noise added to the VAEs' codes in training (paper 1)." };
        var adversarialWeight = new Option<double>("--gan-weight") { DefaultValueFactory = _ => 1.0, Description = "Weight of the VAEs' LSGAN term (paper 1)." };
        var toneFreeL1 = new Option<bool>("--tone-free-l1") { Description = "VAE stages: score the reconstruction after giving it the input's channel means and contrast, which the encoder cannot see (the pipeline puts them back)." };
        var featureMatching = new Option<double>("--feature-matching") { DefaultValueFactory = _ => 10.0, Description = "Weight of the VAEs' discriminator feature matching (official 10)." };
        var vgg = new Option<FileInfo?>("--vgg") { Description = "torchvision VGG19 weights (.pth) for the official VGG perceptual loss in the VAE and mapping stages; without it there is none (nothing is downloaded)." };
        var vggWeight = new Option<double>("--vgg-weight") { DefaultValueFactory = _ => 10.0, Description = "Weight of the VGG perceptual loss (official 10)." };
        var lambda1 = new Option<double>("--lambda1") { DefaultValueFactory = _ => 60.0, Description = "λ1, weight of the mapping's latent L1 (paper 60)." };
        var lambda2 = new Option<double>("--lambda2") { DefaultValueFactory = _ => 10.0, Description = "λ2, weight of the mapping's feature matching (paper 10)." };
        var learningRate = new Option<double>("--lr") { DefaultValueFactory = _ => 2e-4, Description = "Adam learning rate (paper 2e-4)." };
        var decayStart = new Option<int?>("--decay-start") { Description = "Step where the linear decay to zero begins (default: half of --steps)." };
        var deviceOption = new Option<string>("--device") { DefaultValueFactory = _ => TrainingDevice.Auto, Description = "auto (CUDA when this TorchSharp build has a GPU, else the CPU), cpu, cuda or cuda:N." };
        var dataWorkers = new Option<int>("--data-workers") { DefaultValueFactory = _ => 0, Description = "Threads making batches ahead of the model math (0 = one on the CPU, up to four on a GPU)." };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 0, Description = "libtorch threads (0 = all cores)." };
        var export = new Option<FileInfo?>("--export") { Description = "With 'all': write the trained model package here at the end." };
        var version = new Option<string>("--version") { DefaultValueFactory = _ => "1.0.0", Description = "Version of the exported package." };
        var command = new Command("train", "Train a stage of the method (or all of them in order).")
        {
            stage, photos, real, run, preset, steps, batch, crop, seed, checkpointEvery, sampleEvery, klWeight, alpha, toneFreeL1, latentNoise, adversarialWeight, featureMatching, vgg, vggWeight, lambda1, lambda2, learningRate, decayStart, deviceOption, dataWorkers, threads, export, version,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            string which = parse.GetRequiredValue(stage);
            var options = new StageOptions
            {
                CleanPhotos = parse.GetRequiredValue(photos).FullName,
                RealOldPhotos = parse.GetValue(real)?.FullName,
                RunDirectory = parse.GetRequiredValue(run).FullName,
                Preset = parse.GetRequiredValue(preset),
                Steps = parse.GetValue(steps),
                BatchSize = parse.GetValue(batch),
                CropSize = parse.GetValue(crop),
                Seed = parse.GetValue(seed),
                CheckpointEvery = parse.GetValue(checkpointEvery),
                SampleEvery = parse.GetValue(sampleEvery),
                KlWeight = parse.GetValue(klWeight),
                Alpha = parse.GetValue(alpha),
                ToneFreeL1 = parse.GetValue(toneFreeL1),
                LatentNoise = parse.GetValue(latentNoise),
                FeatureMatchingWeight = parse.GetValue(featureMatching),
                AdversarialWeight = parse.GetValue(adversarialWeight),
                VggWeights = parse.GetValue(vgg)?.FullName,
                VggWeight = parse.GetValue(vggWeight),
                Lambda1 = parse.GetValue(lambda1),
                Lambda2 = parse.GetValue(lambda2),
                LearningRate = parse.GetValue(learningRate),
                DecayStartStep = parse.GetValue(decayStart),
                Device = parse.GetRequiredValue(deviceOption),
                DataWorkers = parse.GetValue(dataWorkers),
            };
            string[] stages = which == "all" ? TrainingPlan.Order : [which];
            try
            {
                Validate(options, stages);
                if (parse.GetValue(threads) > 0)
                {
                    torch.set_num_threads(parse.GetValue(threads));
                }
                var device = TrainingDevice.Resolve(options.Device);
                console.Error.WriteLine($"Training on {device}; loading photos from {options.CleanPhotos}…");
                var data = StageData.Load(options);
                console.Error.WriteLine($"{data.Train.Count} training and {data.Validation.Count} validation photos (SHA-256 {data.Clean.Hash[..12]}…); {data.RealOldSource}.");
                foreach (string name in stages)
                {
                    bool interactive = !Console.IsErrorRedirected && ReferenceEquals(console.Error, Console.Error);
                    var bar = new ConsoleProgressBar(console.Error, name, interactive);
                    var result = await TrainingPlan.RunStageAsync(name, options, data, new InlineProgress<StageProgress>(p =>
                        bar.Report((double)p.Step / p.TotalSteps, string.Create(CultureInfo.InvariantCulture,
                            $"step {p.Step}/{p.TotalSteps} {p.SamplesPerSecond:0.0} samples/s {string.Join(" ", p.Losses.Select(l => $"{l.Key}={l.Value:0.###}"))}{Describe(p.Validation)}"), p.Remaining)),
                        cancellationToken);
                    bar.Finish(string.Create(CultureInfo.InvariantCulture,
                        $"done on {device}: {result.StepsRun} steps in {result.Elapsed:hh\\:mm\\:ss}, {result.SamplesPerSecond:0.00} samples/s, CPU busy {result.CpuBusy:P0}, waited for data {result.ProducerWaitShare:P0}{Describe(result.Validation)}"));
                }
                if (parse.GetValue(export) is { } package)
                {
                    var manifest = TrainingPlan.Export(options, package.FullName, "starter", parse.GetRequiredValue(version));
                    console.Output.WriteLine($"Wrote {package.FullName}: {manifest.Name} {manifest.Version}.");
                }
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException or InvalidDataException
                                          or InvalidOperationException or IOException or ImageRejectedException or ModelPackageException)
            {
                console.Error.WriteLine($"train: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string Describe(ValidationScore? score) => score is null
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"; held-out {score.PsnrDb:0.00} dB SSIM {score.Ssim:0.000} (step {score.Step})");

    private static void Validate(StageOptions options, string[] stages)
    {
        var problems = new List<string>();
        foreach (string name in stages.Where(s => !TrainingPlan.Order.Contains(s)))
        {
            problems.Add($"unknown stage '{name}' (stages: {string.Join(", ", TrainingPlan.Order)}, or all)");
        }
        if (options.CropSize < 32 || options.CropSize % 16 != 0)
        {
            problems.Add($"--crop {options.CropSize} must be a multiple of 16 and at least 32");
        }
        if (options.DataWorkers < 0)
        {
            problems.Add($"--data-workers {options.DataWorkers} must not be negative (0 chooses)");
        }
        if (options.Steps < 1 || options.BatchSize < 1 || options.CheckpointEvery < 1 || options.SampleEvery < 1)
        {
            problems.Add("--steps, --batch, --checkpoint-every and --sample-every must be positive");
        }
        if (options.KlWeight < 0 || options.Alpha < 0 || options.LatentNoise < 0 || options.AdversarialWeight < 0 || options.FeatureMatchingWeight < 0 || options.Lambda1 < 0 || options.Lambda2 < 0 || options.VggWeight < 0)
        {
            problems.Add("--kl-weight, --alpha, --latent-noise, --gan-weight, --feature-matching, --vgg-weight, --lambda1 and --lambda2 must not be negative");
        }
        if (options.ToneFreeL1 && options.AdversarialWeight == 0 && options.FeatureMatchingWeight == 0 && options.VggWeights is null)
        {
            // The tone-free L1 cannot see the decoder's own tone; only a discriminator or the VGG loss can hold it.
            problems.Add("--tone-free-l1 with --gan-weight 0 and --feature-matching 0 (and no --vgg) leaves nothing to hold the decoder's own tone");
        }
        if (!(options.LearningRate > 0))
        {
            problems.Add($"--lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)} must be positive");
        }
        if (options.DecayStartStep is int start && (start < 0 || start > options.Steps))
        {
            problems.Add($"--decay-start {start} must lie between 0 and --steps ({options.Steps})");
        }
        if (options.VggWeights is { } vggWeights && !File.Exists(vggWeights))
        {
            problems.Add($"--vgg '{vggWeights}' does not exist");
        }
        try
        {
            TrainingDevice.Resolve(options.Device);
        }
        catch (ArgumentException e)
        {
            problems.Add(e.Message.TrimEnd('.'));
        }
        TrainingPlan.Preset(options.Preset);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems) + ".");
        }
    }
}
