using System.Collections;
using System.Diagnostics.CodeAnalysis;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Checkpoints;

/// <summary>Named tensors read from a checkpoint; owns (and disposes) them.</summary>
public sealed class StateDict : IReadOnlyDictionary<string, Tensor>, IDisposable
{
    private readonly Dictionary<string, Tensor> entries;

    public StateDict(IEnumerable<KeyValuePair<string, Tensor>> entries, string source)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (!this.entries.TryAdd(key, value))
            {
                throw new ArgumentException($"Duplicate state-dict key '{key}' in {source}.", nameof(entries));
            }
        }

        Source = source;
    }

    /// <summary>Where the tensors came from (a file path, usually), for error messages.</summary>
    public string Source { get; }

    public int Count => entries.Count;

    public IEnumerable<string> Keys => entries.Keys;

    public IEnumerable<Tensor> Values => entries.Values;

    public Tensor this[string key] => entries[key];

    public bool ContainsKey(string key) => entries.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Tensor value) => entries.TryGetValue(key, out value);

    /// <summary>
    /// The entries under <paramref name="prefix"/> with the prefix removed (e.g. "decoder." to load the decoder half
    /// of a VAE checkpoint into <c>VaeGenerator.Decoder</c>). The tensors stay owned by this instance.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> WithPrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return entries
            .Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Key[prefix.Length..], e => e.Value, StringComparer.Ordinal);
    }

    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var tensor in entries.Values)
        {
            tensor.Dispose();
        }

        entries.Clear();
    }
}
