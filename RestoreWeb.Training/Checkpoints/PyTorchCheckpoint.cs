using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Checkpoints;

/// <summary>
/// Reads and writes PyTorch <c>torch.save</c> files: the zip format (PyTorch 1.6 and later) through
/// TorchSharp.PyBridge, and the older legacy format through <see cref="LegacyTorchFile"/>.
/// Two layouts are read: a bare state dict (the official VAE and mapping <c>.pth</c> files) and a dict whose
/// <c>model_state</c> entry is the state dict (the official detector's <c>FT_Epoch_latest.pt</c>, which also holds
/// optimizer state and the epoch — those are ignored). A "module." prefix on every key (a model saved through
/// DataParallel) is removed.
/// </summary>
public static class PyTorchCheckpoint
{
    /// <summary>The entry that holds the weights in the detector's training checkpoints.</summary>
    public const string ModelStateKey = "model_state";

    private const string DataParallelPrefix = "module.";

    public static StateDict Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint file '{path}' does not exist.", path);
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static StateDict Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffered = stream.CanSeek ? null : new MemoryStream();
        if (buffered is not null)
        {
            stream.CopyTo(buffered);
            stream = buffered;
        }

        var root = Unpickle(stream, source);
        var taken = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        try
        {
            var weights = root[ModelStateKey] is IDictionary modelState ? modelState : root;
            var entries = new List<KeyValuePair<string, Tensor>>();
            var notTensors = new List<string>();
            foreach (DictionaryEntry entry in weights)
            {
                string key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                if (entry.Value is Tensor tensor)
                {
                    entries.Add(new(key, tensor));
                    taken.Add(tensor);
                }
                else
                {
                    notTensors.Add(key);
                }
            }

            if (notTensors.Count > 0 || entries.Count == 0)
            {
                throw new InvalidDataException(
                    $"'{source}' does not hold a state dict: expected tensors, or a '{ModelStateKey}' dict of " +
                    $"tensors, but found {entries.Count} tensor(s) and non-tensor entries " +
                    $"[{string.Join(", ", notTensors.Order(StringComparer.Ordinal))}].");
            }

            if (entries.All(e => e.Key.StartsWith(DataParallelPrefix, StringComparison.Ordinal)))
            {
                entries = entries
                    .Select(e => new KeyValuePair<string, Tensor>(e.Key[DataParallelPrefix.Length..], e.Value))
                    .ToList();
            }

            entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return new StateDict(entries, source);
        }
        catch
        {
            taken.Clear();
            throw;
        }
        finally
        {
            DisposeUntaken(root, taken);
        }
    }

    private static IDictionary Unpickle(Stream stream, string source)
    {
        Span<byte> head = stackalloc byte[4];
        stream.Position = 0;
        int length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        head = head[..length];
        try
        {
            if (head.SequenceEqual("PK\u0003\u0004"u8))
            {
                return PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true);
            }

            if (LegacyTorchFile.LooksLegacy(head))
            {
                using var bytes = new MemoryStream();
                stream.CopyTo(bytes);
                return LegacyTorchFile.Read(bytes.ToArray(), source) as IDictionary
                    ?? throw new InvalidDataException("the file holds no dict");
            }
        }
        catch (Exception error) when (error is not (OutOfMemoryException or OperationCanceledException) &&
                                      !error.Message.Contains(source, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"'{source}' is not a readable PyTorch checkpoint (expected a torch.save file holding a state dict): " +
                error.Message,
                error);
        }

        throw new InvalidDataException(
            $"'{source}' is not a PyTorch checkpoint: it is neither a torch.save zip file (PyTorch 1.6 and later) " +
            "nor a legacy torch.save file.");
    }

    /// <summary>
    /// Writes <paramref name="network"/>'s state as <c>torch.save(net.state_dict())</c> would, keys in PyTorch's
    /// order, so the file loads into the official classes with <c>load_state_dict</c>.
    /// </summary>
    public static void Save(nn.Module network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var ordered = new OrderedDictionary(StringComparer.Ordinal);
        try
        {
            foreach (var (key, tensor) in StateDictEntries.Of(network))
            {
                // The file holds CPU tensors whatever device trained them, as torch.save after .cpu() would.
                var detached = tensor.detach();
                var onCpu = detached.cpu();
                if (!ReferenceEquals(onCpu, detached))
                {
                    detached.Dispose();
                }
                ordered.Add(key, onCpu);
            }

            PyTorchPickler.PickleStateDict(path, ordered);
        }
        finally
        {
            foreach (DictionaryEntry entry in ordered)
            {
                ((Tensor)entry.Value!).Dispose();
            }
        }
    }

    // Optimizer state and other entries are read too; their tensors are freed here rather than left to finalizers.
    private static void DisposeUntaken(object? value, HashSet<Tensor> taken)
    {
        switch (value)
        {
            case Tensor tensor when !taken.Contains(tensor):
                tensor.Dispose();
                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    DisposeUntaken(entry.Value, taken);
                }

                break;
            case IEnumerable items and not string:
                foreach (var item in items)
                {
                    DisposeUntaken(item, taken);
                }

                break;
        }
    }
}
