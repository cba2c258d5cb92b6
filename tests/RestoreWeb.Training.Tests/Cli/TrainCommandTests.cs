using System.Text.Json.Nodes;
using RestoreWeb.Training.Cli;
using RestoreWeb.Training.Tests.Stages;

namespace RestoreWeb.Training.Tests.Cli;

/// <summary>The loss weights and schedule flags of <c>train</c>: they reach the stage (its run manifest says so) and bad values are refused by name.</summary>
public sealed class TrainCommandTests(TinyPhotoFolder photos) : IClassFixture<TinyPhotoFolder>, IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("restoreweb-train-cli-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await TrainingCli.RunAsync(args, output, error);
        return (exit, error.ToString());
    }

    [Fact]
    public async Task Loss_weights_learning_rate_and_decay_start_reach_the_stage()
    {
        string run = Path.Combine(_work, "run");
        var trained = await RunAsync("train", "vae2", "--photos", photos.Path, "--run", run, "--steps", "2", "--batch", "2",
            "--crop", "32", "--checkpoint-every", "2", "--sample-every", "2", "--kl-weight", "0", "--alpha", "10", "--latent-noise", "0.5",
            "--feature-matching", "5", "--lambda1", "30", "--lambda2", "4", "--lr", "0.0001", "--decay-start", "1", "--tone-free-l1");
        Assert.True(trained.Exit == 0, trained.Error);
        // The closing line of the stage gives its held-out score with the step it was taken at.
        Assert.Matches(@"done on cpu: 2 steps .*; held-out \d+\.\d\d dB SSIM -?\d\.\d{3} \(step 2\)", trained.Error);

        var options = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "vae2", "run.json")))!["options"]!;
        Assert.Equal(0.0, options["KlWeight"]!.GetValue<double>());
        Assert.Equal(10.0, options["Alpha"]!.GetValue<double>());
        Assert.Equal(0.5, options["LatentNoise"]!.GetValue<double>());
        Assert.Equal(5.0, options["FeatureMatchingWeight"]!.GetValue<double>());
        Assert.Equal(30.0, options["Lambda1"]!.GetValue<double>());
        Assert.Equal(4.0, options["Lambda2"]!.GetValue<double>());
        Assert.Equal(1e-4, options["LearningRate"]!.GetValue<double>());
        Assert.Equal(1, options["DecayStartStep"]!.GetValue<int>());
        Assert.True(options["ToneFreeL1"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Without_the_flags_the_paper_weights_and_the_half_way_decay_are_used()
    {
        string run = Path.Combine(_work, "defaults");
        var trained = await RunAsync("train", "vae2", "--photos", photos.Path, "--run", run, "--steps", "1", "--batch", "2",
            "--crop", "32", "--checkpoint-every", "1", "--sample-every", "1");
        Assert.True(trained.Exit == 0, trained.Error);

        var options = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "vae2", "run.json")))!["options"]!;
        Assert.Equal((1.0, 1.0, 10.0, 60.0, 10.0, 2e-4), (options["KlWeight"]!.GetValue<double>(), options["Alpha"]!.GetValue<double>(),
            options["FeatureMatchingWeight"]!.GetValue<double>(), options["Lambda1"]!.GetValue<double>(),
            options["Lambda2"]!.GetValue<double>(), options["LearningRate"]!.GetValue<double>()));
        Assert.Null(options["DecayStartStep"]);
        Assert.Equal(1.0, options["LatentNoise"]!.GetValue<double>());
        Assert.False(options["ToneFreeL1"]!.GetValue<bool>());
        // auto: this project's TorchSharp (TorchSharp-cpu) has no CUDA, so the run says it trained on the CPU.
        Assert.Equal("auto", options["Device"]!.GetValue<string>());
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "vae2", "run.json")))!;
        Assert.Equal("cpu", manifest["device"]!.GetValue<string>());
        Assert.Contains("Training on cpu;", trained.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_cpu_trains_on_the_cpu_and_says_so_in_the_run()
    {
        string run = Path.Combine(_work, "cpu");
        var trained = await RunAsync("train", "detector", "--photos", photos.Path, "--run", run, "--steps", "1", "--batch", "2",
            "--crop", "32", "--checkpoint-every", "1", "--sample-every", "1", "--device", "CPU");
        Assert.True(trained.Exit == 0, trained.Error);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "detector", "run.json")))!;
        Assert.Equal("cpu", manifest["device"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(run, "detector", "checkpoints", "step-0000001", "detector.pth")));
    }

    [Fact]
    public async Task Several_data_workers_train_exactly_as_one_does()
    {
        // VAE1's batches are the heaviest to make (crops, the paper's damage and the real-old stand-in), and the
        // workers share the synthesizers: the same losses and held-out scores to the last digit say the batches were.
        async Task<string> TrainAsync(string name, string workers)
        {
            string run = Path.Combine(_work, name);
            var trained = await RunAsync("train", "vae1", "--photos", photos.Path, "--run", run, "--steps", "4", "--batch", "2",
                "--crop", "32", "--checkpoint-every", "4", "--sample-every", "2", "--data-workers", workers);
            Assert.True(trained.Exit == 0, trained.Error);
            Assert.Equal(int.Parse(workers, System.Globalization.CultureInfo.InvariantCulture),
                JsonNode.Parse(File.ReadAllText(Path.Combine(run, "vae1", "run.json")))!["dataWorkers"]!.GetValue<int>());
            return File.ReadAllText(Path.Combine(run, "vae1", "metrics.csv")) + File.ReadAllText(Path.Combine(run, "vae1", "validation.csv"));
        }

        string one = await TrainAsync("one-worker", "1");
        string three = await TrainAsync("three-workers", "3");

        Assert.Equal(one, three);
    }

    [Fact]
    public async Task A_run_resumed_on_another_device_records_where_each_device_took_over()
    {
        string run = Path.Combine(_work, "moved");
        string[] train = ["train", "vae2", "--photos", photos.Path, "--run", run, "--batch", "2", "--crop", "32", "--checkpoint-every", "1", "--sample-every", "1", "--device", "cpu"];
        Assert.Equal(0, (await RunAsync([.. train, "--steps", "1"])).Exit);
        string manifestPath = Path.Combine(run, "vae2", "run.json");
        // As a GPU machine would have left it (this one has no GPU): the first step ran on cuda:0.
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["devices"]![0]!["device"] = "cuda:0";
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        Assert.Equal(0, (await RunAsync([.. train, "--steps", "2"])).Exit);
        Assert.Equal(0, (await RunAsync([.. train, "--steps", "3"])).Exit);

        var devices = JsonNode.Parse(File.ReadAllText(manifestPath))!["devices"]!.AsArray();
        Assert.Equal(["0 cuda:0", "1 cpu"], devices.Select(d => $"{d!["fromStep"]} {d["device"]}"));
    }

    [Theory]
    [InlineData("--alpha", "-1", "must not be negative")]
    [InlineData("--lambda1", "-0.5", "must not be negative")]
    [InlineData("--latent-noise", "-1", "must not be negative")]
    [InlineData("--vgg-weight", "-1", "must not be negative")]
    [InlineData("--gan-weight", "-1", "must not be negative")]
    [InlineData("--vgg", "no-such-vgg19.pth", "no-such-vgg19.pth' does not exist")]
    [InlineData("--lr", "0", "--lr 0 must be positive")]
    [InlineData("--decay-start", "50", "--decay-start 50 must lie between 0 and --steps (10)")]
    [InlineData("--data-workers", "-1", "--data-workers -1 must not be negative")]
    [InlineData("--device", "tpu", "--device 'tpu' is not a device: use auto, cpu, cuda or cuda:N")]
    [InlineData("--device", "cuda", "--device cuda: CUDA is not available to this process")]
    [InlineData("--device", "cuda:1", "TorchSharp-cpu, which this project references, has none")]
    public async Task Bad_weights_and_schedules_are_refused_by_name_before_anything_is_written(string flag, string value, string message)
    {
        await AssertRefused(message, flag, value);
    }

    [Fact]
    public async Task A_tone_free_l1_with_nothing_else_on_the_image_is_refused()
    {
        await AssertRefused("--tone-free-l1 with --gan-weight 0 and --feature-matching 0 (and no --vgg) leaves nothing to hold the decoder's own tone",
            "--tone-free-l1", "--gan-weight", "0", "--feature-matching", "0");
    }

    private async Task AssertRefused(string message, params string[] flags)
    {
        string run = Path.Combine(_work, "refused");
        var refused = await RunAsync(["train", "vae2", "--photos", photos.Path, "--run", run, "--steps", "10", "--crop", "32", .. flags]);

        Assert.Equal(1, refused.Exit);
        Assert.Contains(message, refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }
}
