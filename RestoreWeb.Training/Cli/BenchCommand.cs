using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Training.Export;
using RestoreWeb.Training.Networks;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Cli;

/// <summary>
/// Times the restoration networks in ONNX Runtime, with random weights of a preset or a model package's own, and
/// prints a table: the first pass and the mean of the later ones, peak resident memory, work and achieved
/// throughput, and whether the planner ran the photo whole or tiled.
/// A benchmark, not a test: its numbers go into the README.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "Architecture preset: official or compact.", DefaultValueFactory = _ => "official" };
        var sizes = new Option<string>("--sizes")
        {
            Description = "Comma-separated sizes: N (N×N) or WxH; 12mp means 4000×3000.",
            DefaultValueFactory = _ => "256,512,1024,12mp",
        };
        var modes = new Option<string>("--modes") { Description = "Comma-separated modes: quality, scratch.", DefaultValueFactory = _ => "quality,scratch" };
        var provider = new Option<ExecutionProviderPreference>("--provider") { Description = "Auto, Cpu or Cuda.", DefaultValueFactory = _ => ExecutionProviderPreference.Auto };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0 = all cores).", DefaultValueFactory = _ => 0 };
        var noArena = new Option<bool>("--no-cpu-arena") { Description = "Run ONNX Runtime without its CPU memory arena (less memory, slower); the planner is told so." };
        var profile = new Option<string?>("--profile") { Description = "Write ONNX Runtime's per-operator timings to JSON files starting with this path." };
        var direct = new Option<bool>("--direct-conv") { Description = "Write every convolution directly, none in Winograd form (for comparison)." };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs per case after one warm-up (on a CPU, for sizes up to 512² only).", DefaultValueFactory = _ => 3 };
        var search = new Option<CudnnConvolutionSearch>("--cudnn-search") { Description = "CUDA only: Exhaustive, Heuristic or Default cuDNN algorithm choice.", DefaultValueFactory = _ => new ExecutionProviderOptions().CudnnConvolutionSearch };
        var sharedArena = new Option<bool>("--cuda-shared-arena") { Description = "CUDA only: one memory arena for all sessions (true) or one per session (false).", DefaultValueFactory = _ => new ExecutionProviderOptions().CudaSharedArena };
        var package = new Option<FileInfo?>("--package") { Description = "Time a model package's networks (e.g. models/starter.zip) instead of a preset's random weights." };
        var command = new Command("bench", "Benchmark restoration speed and memory with random weights or a model package; prints a table.")
        {
            preset, sizes, modes, provider, threads, repeat, noArena, profile, direct, package, search, sharedArena,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration;
            if (parse.GetValue(package) is not null && (parse.GetResult(preset) is { Implicit: false } || parse.GetValue(direct)))
            {
                console.Error.WriteLine("bench: --package times the package's own networks; leave out --preset and --direct-conv.");
                return 2;
            }
            var chosen = ArchitecturePresets.All.FirstOrDefault(p => p.Name == parse.GetRequiredValue(preset));
            if (chosen is null)
            {
                console.Error.WriteLine($"bench: unknown preset '{parse.GetRequiredValue(preset)}' (known: {string.Join(", ", ArchitecturePresets.All.Select(p => p.Name))}).");
                return 2;
            }
            List<(int Width, int Height)> cases;
            try
            {
                cases = parse.GetRequiredValue(sizes).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseSize).ToList();
            }
            catch (FormatException e)
            {
                console.Error.WriteLine($"bench: {e.Message}");
                return 2;
            }
            string[] modeList = parse.GetRequiredValue(modes).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (modeList.FirstOrDefault(m => m is not ("quality" or "scratch")) is { } unknownMode)
            {
                console.Error.WriteLine($"bench: unknown mode '{unknownMode}' (known: quality, scratch).");
                return 2;
            }
            RestorationGraphs graphs;
            GraphCosts costs;
            if (parse.GetValue(package) is { } packageFile)
            {
                try
                {
                    var opened = ModelPackage.Open(packageFile.FullName);
                    (graphs, costs) = (opened.ToRestorationGraphs(), opened.Manifest.Costs);
                    console.Error.WriteLine($"Timing package {opened.Manifest.Name} {opened.Manifest.Version} ({packageFile.Name}).");
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or ModelPackageException)
                {
                    console.Error.WriteLine($"bench: {e.Message}");
                    return 2;
                }
            }
            else
            {
                (graphs, costs) = RandomGraphs(chosen, parse.GetValue(direct), console.Error);
            }
            return Run(graphs, costs, cases, modeList, parse.GetRequiredValue(provider), parse.GetRequiredValue(threads), !parse.GetValue(noArena), parse.GetValue(profile), parse.GetRequiredValue(search), parse.GetRequiredValue(sharedArena), parse.GetRequiredValue(repeat), console.Output, console.Error);
        });
        return command;
    }

    /// <summary>The preset's networks with random weights, exported the way a package exports them.</summary>
    private static (RestorationGraphs Graphs, GraphCosts Costs) RandomGraphs(ArchitecturePreset preset, bool direct, TextWriter log)
    {
        log.WriteLine($"Building '{preset.Name}' networks with random weights and exporting them…");
        random.manual_seed(1);
        var weights = RandomWeights(preset);
        var (graphs, costs) = ModelPackageExporter.ExportGraphs(weights, direct ? int.MaxValue : RestorationExporter.DefaultWinogradMinChannels);
        log.WriteLine($"Quality graph convolutions: {(direct ? "direct" : $"Winograd F(2×2,3×3) from {RestorationExporter.DefaultWinogradMinChannels} channels")}");
        return (new RestorationGraphs(graphs[GraphRole.Quality], graphs[GraphRole.ScratchEncode], graphs[GraphRole.ScratchAttention], graphs[GraphRole.ScratchDecode], null), costs);
    }

    private static int Run(RestorationGraphs graphs, GraphCosts costs, List<(int Width, int Height)> cases, string[] modes,
        ExecutionProviderPreference preference, int threads, bool arena, string? profile, CudnnConvolutionSearch search, bool sharedArena, int repeat, TextWriter output, TextWriter log)
    {
        var selector = new ExecutionProviderSelector(new ExecutionProviderOptions
        {
            Preference = preference, IntraOpThreads = threads, CpuMemoryArena = arena, ProfilePathPrefix = profile, CudnnConvolutionSearch = search, CudaSharedArena = sharedArena,
        });
        using var model = new OnnxRestorationModel(graphs, selector);
        if (modes.Contains("scratch") && !model.SupportsScratchRepair)
        {
            log.WriteLine("bench: these networks have no scratch restoration graphs; use --modes quality.");
            return 2;
        }
        var runner = new PlannedRestoration(model, costs, new RestorationPlanner(arena ? new PlannerOptions() : new PlannerOptions { ScratchActivationOverhead = PlannerOptions.ScratchOverheadWithoutArena }));
        log.WriteLine($"ONNX Runtime CPU arena: {(arena ? "on" : "off")}{(selector.Choice.Provider == ExecutionProviderChoice.Cuda ? $"; GPU arena: {(selector.CudaArenaShared ? "one for all sessions" : "one per session")}" : "")}");
        log.WriteLine($"Execution provider: {model.ExecutionProvider.Provider}{(model.ExecutionProvider.FallbackReason is { } why ? $" ({why})" : "")}");

        // A GPU's first pass at a new input shape includes cuDNN's algorithm search, so there every size is warmed up
        // and the first pass is reported beside the mean of the later ones.
        bool gpu = model.ExecutionProvider.Provider == ExecutionProviderChoice.Cuda;
        output.WriteLine($"| size | mode | plan | first pass ms | ms | peak RSS MB | GFLOP | GFLOP/s |");
        output.WriteLine($"|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var (width, height) in cases)
        {
            foreach (string mode in modes)
            {
                bool scratch = mode == "scratch";
                var rng = new Random(width * 31 + height);
                float[] image = new float[3 * height * width];
                for (int i = 0; i < image.Length; i++)
                {
                    image[i] = (float)(rng.NextDouble() * 2 - 1);
                }
                float[]? mask = scratch ? ScratchLines(height, width, rng) : null;
                int runs = gpu || (long)width * height <= 512 * 512 ? Math.Max(1, repeat) : 1;
                double? firstMs = null;
                if (runs > 1 || gpu)
                {
                    var first = Stopwatch.StartNew();
                    runner.Run(image, mask, height, width);
                    firstMs = first.Elapsed.TotalMilliseconds;
                }
                PeakMemory.Reset();
                var watch = Stopwatch.StartNew();
                RestorationPlan plan = runner.Plan(height, width, scratch);
                for (int run = 0; run < runs; run++)
                {
                    plan = runner.Run(image, mask, height, width).Plan;
                }
                double ms = watch.Elapsed.TotalMilliseconds / runs;
                double gflop = plan.Tiled
                    ? plan.EstimatedFlops / 1e9
                    : RestorationPlanner.Flops(costs, height, width, scratch) / 1e9;
                string planText = plan.Tiled ? $"tiled {plan.TileCount}× {plan.TileSize}² (overlap {plan.Overlap})" : "whole";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {width}×{height} | {mode} | {planText} | {(firstMs is { } f ? f.ToString("0", CultureInfo.InvariantCulture) : "–")} | {ms:0} | {PeakMemory.PeakResidentBytes() / 1048576.0:0} | {gflop:0.0} | {gflop / (ms / 1000):0.0} |"));
            }
        }
        return 0;
    }

    private static float[] ScratchLines(int height, int width, Random rng)
    {
        var mask = new float[height * width];
        for (int line = 0; line < 6; line++)
        {
            double x = rng.NextDouble() * width, slope = rng.NextDouble() * 0.6 - 0.3;
            for (int y = 0; y < height; y++, x += slope)
            {
                for (int dx = 0; dx < 3; dx++)
                {
                    int column = (int)x + dx;
                    if (column >= 0 && column < width)
                    {
                        mask[y * width + column] = 1;
                    }
                }
            }
        }
        return mask;
    }

    private static RestorationWeights RandomWeights(ArchitecturePreset preset)
    {
        static Dictionary<string, Tensor> State(nn.Module module)
        {
            module.eval();
            return module.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone(), StringComparer.Ordinal);
        }
        return new RestorationWeights(
            State(preset.CreateVae()), State(preset.CreateVae()), State(preset.CreateQualityMapping()),
            State(preset.CreateVae()), State(preset.CreateScratchMapping()));
    }

    private static (int Width, int Height) ParseSize(string text)
    {
        if (text.Equals("12mp", StringComparison.OrdinalIgnoreCase))
        {
            return (4000, 3000);
        }
        string[] parts = text.Split('x', 'X', '×');
        if (parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 16 && v % 4 == 0))
        {
            int w = int.Parse(parts[0], CultureInfo.InvariantCulture);
            return (w, parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : w);
        }
        throw new FormatException($"'{text}' is not a size: use N, WxH (multiples of 4, at least 16) or 12mp.");
    }
}
