using RestoreWeb.Training.Networks;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

/// <summary>Tests that measure the process's peak memory run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(PeakMemoryCollection), DisableParallelization = true)]
public sealed class PeakMemoryCollection;

[Collection(nameof(PeakMemoryCollection))]
public sealed class ChunkedAttentionMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Chunked_inference_stays_far_below_the_memory_of_one_N_by_N_score_matrix()
    {
        using var scope = NewDisposeScope();
        const long positions = 96 * 128, channels = 4;
        long denseBytes = positions * positions * sizeof(float);
        var generator = new Generator(31);
        var queries = randn(1, positions, channels, generator: generator);
        var keys = randn(1, channels, positions, generator: generator);
        var values = randn(1, positions, channels, generator: generator);
        var keyValidity = rand(1, positions, generator: generator).gt(0.2).to(float32);
        ResetPeakResident();
        long before = PeakResidentBytes();

        using var noGrad = no_grad();
        var result = MaskedAttention.Chunked(queries, keys, values, keyValidity);

        long growth = PeakResidentBytes() - before;
        output.WriteLine($"peak RSS growth {growth / 1e6:F0} MB; one dense N×N matrix {denseBytes / 1e6:F0} MB");
        // A dense computation would need at least one whole matrix (and officially holds several at once).
        Assert.True(growth < denseBytes / 2, $"peak resident memory grew by {growth / 1e6:F0} MB");
        Assert.False(result.isnan().any().item<bool>());
    }

    /// <summary>
    /// Lowers VmHWM to the current resident size (Linux ≥ 4.0), so that earlier tests' peaks do not hide this one's.
    /// </summary>
    private static void ResetPeakResident() => File.WriteAllText("/proc/self/clear_refs", "5");

    /// <summary>VmHWM: the peak resident set size of this process since the last reset (Linux).</summary>
    private static long PeakResidentBytes()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        string kilobytes = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
