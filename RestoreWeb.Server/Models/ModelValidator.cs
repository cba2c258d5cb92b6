using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Server.Hosting;
using RestoreWeb.Server.Jobs;

namespace RestoreWeb.Server.Models;

/// <summary>
/// The gate a version passes before it may serve: its archive verifies (file hashes, graph signatures), its graphs
/// load in ONNX Runtime, it restores the built-in samples into sane pictures (the canary), and it scores at least
/// the configured PSNR on the built-in synthetic evaluation set. Every check is reported, passed or not.
/// </summary>
public sealed class ModelValidator(
    ValidationSet samples,
    ExecutionProviderSelector providers,
    IOptions<ImagingOptions> imaging,
    IOptions<PlannerOptions> planner,
    IOptions<RestoreWebOptions> options,
    TimeProvider clock)
{
    public const string PackageCheck = "package";
    public const string LoadCheck = "load";
    public const string CanaryCheck = "canary";
    public const string EvaluationCheck = "evaluation";

    // A restoration that is nearly flat, or not finite, is broken however good its PSNR might look.
    private const double MinOutputStdDev = 0.01;

    public ValidationReportDto Validate(byte[] archive, string displayName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var checks = new List<ValidationCheckDto>();
        var watch = Stopwatch.StartNew();
        ModelPackage package;
        try
        {
            package = ModelPackage.Open(new MemoryStream(archive, writable: false), displayName);
            checks.Add(Passed(PackageCheck, $"{package.Manifest.Files.Count} files match their SHA-256; graph signatures as the manifest declares.", watch));
        }
        catch (ModelPackageException e)
        {
            checks.Add(Failed(PackageCheck, e.Message, watch));
            return Report(checks, null, providers.Choice.Provider);
        }

        watch.Restart();
        RestorationPipeline pipeline;
        try
        {
            pipeline = new RestorationPipeline(package, providers, imaging.Value, planner.Value);
            checks.Add(Passed(LoadCheck, $"Graphs loaded in ONNX Runtime ({pipeline.ExecutionProvider.Provider}).", watch));
        }
        catch (Exception e) when (e is ModelPackageException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidOperationException)
        {
            checks.Add(Failed(LoadCheck, $"ONNX Runtime could not load the graphs: {e.Message}", watch));
            return Report(checks, null, providers.Choice.Provider);
        }

        using (pipeline)
        {
            var decoder = new PhotoDecoder(imaging.Value);
            watch.Restart();
            // Both decoded once: the canary checks the pair, the evaluation scores it.
            var restored = new Dictionary<string, (RgbImage Damaged, RgbImage Restored)>(StringComparer.Ordinal);
            string? canaryProblem = null;
            bool scratchCapable = package.Has(GraphRole.ScratchEncode);
            foreach (var sample in samples.Samples)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool scratch = sample.Mask is not null && scratchCapable;
                var mask = scratch ? MaskPng.Decode(sample.Mask) : null;
                try
                {
                    var result = pipeline.Restore(new RestorationRequest(sample.Damaged, RepairScratches: scratch, DetectScratches: false, UserMask: mask,
                        Format: OutputFormat.Png), cancellationToken: cancellationToken);
                    var pixels = decoder.Decode(result.Output, cancellationToken).Pixels;
                    var damaged = decoder.Decode(sample.Damaged, cancellationToken).Pixels;
                    canaryProblem ??= Sanity(sample.Item.Name, pixels, damaged);
                    restored[sample.Item.Name] = (damaged, pixels);
                }
                catch (Exception e) when (e is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or ImageRejectedException or InvalidOperationException)
                {
                    canaryProblem ??= $"Restoring {sample.Item.Name} failed: {e.Message}";
                }
            }
            string modes = scratchCapable ? "quality and scratch mode" : "quality mode (the package has no scratch graphs)";
            checks.Add(canaryProblem is null
                ? Passed(CanaryCheck, $"{restored.Count} built-in samples restored in {modes}: right size, finite, not flat.", watch)
                : Failed(CanaryCheck, canaryProblem, watch));

            watch.Restart();
            var scored = samples.Samples.Where(s => restored.ContainsKey(s.Item.Name)).ToList();
            if (scored.Count == 0)
            {
                checks.Add(Failed(EvaluationCheck, "Nothing to score: no sample was restored.", watch));
                return Report(checks, null, pipeline.ExecutionProvider.Provider);
            }
            double inputPsnr = 0, inputSsim = 0, modelPsnr = 0, modelSsim = 0;
            foreach (var sample in scored)
            {
                var clean = decoder.Decode(sample.Clean, cancellationToken).Pixels;
                var (damaged, model) = restored[sample.Item.Name];
                inputPsnr += ImageQuality.Psnr(damaged, clean);
                inputSsim += ImageQuality.Ssim(damaged, clean);
                modelPsnr += ImageQuality.Psnr(model, clean);
                modelSsim += ImageQuality.Ssim(model, clean);
            }
            var scores = new EvaluationScoresDto(inputPsnr / scored.Count, inputSsim / scored.Count, modelPsnr / scored.Count, modelSsim / scored.Count, scored.Count);
            double floor = options.Value.Models.MinValidationPsnrDb;
            string summary = string.Create(CultureInfo.InvariantCulture,
                $"{scored.Count} samples: PSNR {scores.InputPsnr:0.00} → {scores.ModelPsnr:0.00} dB, SSIM {scores.InputSsim:0.000} → {scores.ModelSsim:0.000}");
            checks.Add(double.IsFinite(scores.ModelPsnr) && scores.ModelPsnr >= floor
                ? Passed(EvaluationCheck, string.Create(CultureInfo.InvariantCulture, $"{summary} (at least {floor:0.#} dB required)."), watch)
                : Failed(EvaluationCheck, string.Create(CultureInfo.InvariantCulture, $"{summary}: below the required {floor:0.#} dB."), watch));
            return Report(checks, scores, pipeline.ExecutionProvider.Provider);
        }
    }

    private static string? Sanity(string name, RgbImage output, RgbImage input)
    {
        if (output.Width != input.Width || output.Height != input.Height)
        {
            return $"{name}: the restoration is {output.Width}×{output.Height}, the sample {input.Width}×{input.Height}.";
        }
        double sum = 0, squares = 0;
        foreach (float value in output.Data)
        {
            if (!float.IsFinite(value))
            {
                return $"{name}: the restoration has values that are not numbers.";
            }
            sum += value;
            squares += (double)value * value;
        }
        double mean = sum / output.Data.Length;
        double deviation = Math.Sqrt(Math.Max(0, (squares / output.Data.Length) - (mean * mean)));
        return deviation < MinOutputStdDev
            ? string.Create(CultureInfo.InvariantCulture, $"{name}: the restoration is flat (standard deviation {deviation:0.0000}).")
            : null;
    }

    private ValidationReportDto Report(List<ValidationCheckDto> checks, EvaluationScoresDto? scores, string provider) =>
        new(checks.All(c => c.Passed), clock.GetUtcNow(), provider, checks, scores);

    private static ValidationCheckDto Passed(string name, string detail, Stopwatch watch) => new(name, true, detail, watch.Elapsed.TotalSeconds);

    private static ValidationCheckDto Failed(string name, string detail, Stopwatch watch) => new(name, false, detail, watch.Elapsed.TotalSeconds);
}
