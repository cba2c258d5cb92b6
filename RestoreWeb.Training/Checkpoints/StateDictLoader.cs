using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Checkpoints;

/// <summary>
/// Strict state-dict import: every key of the network must be in the checkpoint with the same shape and every key
/// of the checkpoint must be in the network, or nothing is copied and a <see cref="CheckpointMismatchException"/>
/// lists all differences. Floating-point tensors are converted to the network's dtype (e.g. a float64 export);
/// integer buffers such as BatchNorm's <c>num_batches_tracked</c> must be integers.
/// </summary>
public static class StateDictLoader
{
    public static void LoadStrict(
        nn.Module network, IReadOnlyDictionary<string, Tensor> checkpoint, string source = "the checkpoint")
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(checkpoint);

        var targets = StateDictEntries.Of(network);
        var expected = targets.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);

        var unknown = checkpoint
            .Where(e => !expected.Contains(e.Key))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key} {Shape(e.Value)} {e.Value.dtype}")
            .ToList();
        var missing = new List<string>();
        var mismatched = new List<string>();
        foreach (var (key, target) in targets)
        {
            if (!checkpoint.TryGetValue(key, out var value))
            {
                missing.Add($"{key} {Shape(target)} {target.dtype}");
            }
            else if (!value.shape.SequenceEqual(target.shape) || IsFloating(value) != IsFloating(target))
            {
                mismatched.Add(
                    $"{key}: checkpoint {Shape(value)} {value.dtype}, network {Shape(target)} {target.dtype}");
            }
        }

        if (unknown.Count > 0 || missing.Count > 0 || mismatched.Count > 0)
        {
            throw new CheckpointMismatchException(source, network.GetName(), unknown, missing, mismatched);
        }

        using var noGrad = no_grad();
        foreach (var (key, target) in targets)
        {
            target.copy_(checkpoint[key]);
        }
    }

    private static bool IsFloating(Tensor tensor) => tensor.is_floating_point();

    private static string Shape(Tensor tensor) => "[" + string.Join(", ", tensor.shape) + "]";
}
