using System.Text;

namespace RestoreWeb.Training.Checkpoints;

/// <summary>
/// A checkpoint's tensors do not fit a network: keys the network does not have, keys it has that the checkpoint
/// lacks, and keys whose shape or kind of element type differ. Nothing was loaded when this is thrown.
/// </summary>
public sealed class CheckpointMismatchException : Exception
{
    private const int ListedPerKind = 40;

    public CheckpointMismatchException()
        : this("The checkpoint does not fit the network.")
    {
    }

    public CheckpointMismatchException(string message)
        : base(message)
    {
        UnknownKeys = [];
        MissingKeys = [];
        MismatchedKeys = [];
    }

    public CheckpointMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        UnknownKeys = [];
        MissingKeys = [];
        MismatchedKeys = [];
    }

    public CheckpointMismatchException(
        string source,
        string network,
        IReadOnlyList<string> unknownKeys,
        IReadOnlyList<string> missingKeys,
        IReadOnlyList<string> mismatchedKeys)
        : base(Describe(source, network, unknownKeys, missingKeys, mismatchedKeys))
    {
        UnknownKeys = unknownKeys;
        MissingKeys = missingKeys;
        MismatchedKeys = mismatchedKeys;
    }

    /// <summary>Keys in the checkpoint that the network does not have, with their shapes.</summary>
    public IReadOnlyList<string> UnknownKeys { get; }

    /// <summary>Keys of the network that the checkpoint lacks, with the expected shapes.</summary>
    public IReadOnlyList<string> MissingKeys { get; }

    /// <summary>Keys present on both sides whose shape (or integer/floating kind) differs, with both shapes.</summary>
    public IReadOnlyList<string> MismatchedKeys { get; }

    private static string Describe(
        string source,
        string network,
        IReadOnlyList<string> unknown,
        IReadOnlyList<string> missing,
        IReadOnlyList<string> mismatched)
    {
        var text = new StringBuilder()
            .Append("The state dict of ").Append(source).Append(" does not fit ").Append(network).Append(": ")
            .Append(unknown.Count).Append(" unknown, ")
            .Append(missing.Count).Append(" missing and ")
            .Append(mismatched.Count).Append(" mis-shaped key(s). Nothing was loaded.");
        Append(text, "Unknown (in the checkpoint, not in the network)", unknown);
        Append(text, "Missing (in the network, not in the checkpoint)", missing);
        Append(text, "Mis-shaped", mismatched);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string title, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        text.AppendLine().Append(title).Append(':');
        foreach (var key in keys.Take(ListedPerKind))
        {
            text.AppendLine().Append("  ").Append(key);
        }

        if (keys.Count > ListedPerKind)
        {
            text.AppendLine().Append("  … and ").Append(keys.Count - ListedPerKind).Append(" more");
        }
    }
}
