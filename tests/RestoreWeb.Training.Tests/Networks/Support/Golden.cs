using System.Text.Json;
using RestoreWeb.Training.Checkpoints;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Support;

/// <summary>
/// The golden vectors of the official classes, copied into the test project (Golden/) and read from the output
/// folder. Tolerances come from the golden manifest, never from the tests.
/// </summary>
public static class Golden
{
    private static readonly Lazy<JsonDocument> ManifestDocument = new(() =>
        JsonDocument.Parse(File.ReadAllText(PathOf("manifest.json"))));

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Golden", file);

    public static Tensor Array(string file) => NpyFile.Read(PathOf(file));

    public static StateDict StateDict(string file) => PyTorchCheckpoint.Read(PathOf(file));

    public static JsonElement Case(string name) =>
        ManifestDocument.Value.RootElement.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>The manifest's tolerance (relative to max |golden|) for an output of a case.</summary>
    public static double Tolerance(string caseName, string outputName) =>
        Case(caseName).GetProperty("outputs").EnumerateArray()
            .Single(o => o.GetProperty("name").GetString() == outputName)
            .GetProperty("tolerance_rel_to_max_abs").GetDouble();

    /// <summary>A stage of the staged pipeline check, e.g. "encoder(input_holefilled) vs intermediate_latent".</summary>
    public static double StagedTolerance(string stage) =>
        Case("pipeline_scratch_tiny").GetProperty("staged_check").GetProperty(stage).GetDouble();

    /// <summary>
    /// Asserts max |actual − expected| ≤ tolerance · max |expected| and returns the measured relative difference.
    /// </summary>
    public static double AssertClose(Tensor expected, Tensor actual, double tolerance, string label)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var difference = (actual.to(float64) - expected.to(float64)).abs().max();
        using var scale = expected.to(float64).abs().max();
        double relative = difference.item<double>() / scale.item<double>();
        Assert.True(
            relative <= tolerance,
            $"{label}: max |ours − golden| / max |golden| = {relative:E3} exceeds the tolerance {tolerance:E1}.");
        return relative;
    }
}
