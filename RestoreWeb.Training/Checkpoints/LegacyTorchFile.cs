using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Numerics;
using Razorvine.Pickle;
using Razorvine.Pickle.Objects;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Checkpoints;

/// <summary>
/// Reads the pre-zip <c>torch.save</c> format (PyTorch before 1.6), in which older published checkpoints may be
/// stored and which TorchSharp.PyBridge does not read: five pickles in a row (magic number, protocol 1001, system
/// info, the object with storages as persistent ids, the storage keys) followed by each storage's element count and
/// raw little-endian bytes.
/// </summary>
internal static class LegacyTorchFile
{
    private static readonly BigInteger MagicNumber =
        BigInteger.Parse("1950a86a20f9469cfc6c", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    private const int ProtocolVersion = 1001;

    // Razorvine's constructor registry is process-wide and TorchSharp.PyBridge registers the torch names in it, so
    // the legacy pickle's globals are renamed into a namespace of our own before unpickling.
    private const string Namespace = "restoreweb_legacy_torch";

    private static readonly Dictionary<string, (string Module, string Name)> Renames = new(StringComparer.Ordinal)
    {
        ["torch._utils._rebuild_tensor"] = (Namespace, "rebuild_tensor"),
        ["torch._utils._rebuild_tensor_v2"] = (Namespace, "rebuild_tensor"),
        ["collections.OrderedDict"] = (Namespace, "OrderedDict"),
    };

    static LegacyTorchFile()
    {
        Unpickler.registerConstructor(Namespace, "rebuild_tensor", new TensorConstructor());
        Unpickler.registerConstructor(Namespace, "OrderedDict", new OrderedDictConstructor());
    }

    /// <summary>Whether the bytes begin like a legacy torch file (a protocol-2 pickle of a long integer).</summary>
    public static bool LooksLegacy(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && head[0] == 0x80 && head[1] == 0x02 && head[2] == 0x8a;

    /// <summary>The unpickled object with every tensor materialised (dicts are <see cref="Hashtable"/>s).</summary>
    public static object Read(byte[] data, string source)
    {
        int position = 0;
        var magic = NextPickle(data, ref position, new Unpickler());
        if (magic is not BigInteger number || number != MagicNumber)
        {
            throw new InvalidDataException($"'{source}' is not a PyTorch checkpoint (wrong magic number).");
        }

        if (ToLong(NextPickle(data, ref position, new Unpickler())) != ProtocolVersion)
        {
            throw new InvalidDataException($"'{source}' uses an unknown legacy PyTorch protocol version.");
        }

        if (NextPickle(data, ref position, new Unpickler()) is Hashtable systemInfo && systemInfo["little_endian"] is false)
        {
            throw new InvalidDataException($"'{source}' was saved on a big-endian machine, which is not supported.");
        }

        var storages = new Dictionary<string, Storage>(StringComparer.Ordinal);
        object root;
        using (var unpickler = new StorageUnpickler(storages))
        {
            byte[] renamed = PickleOpcodes.CopyWithRenamedGlobals(data, position, Renames, out position);
            root = unpickler.loads(renamed);
        }

        if (NextPickle(data, ref position, new Unpickler()) is not ArrayList keys)
        {
            throw new InvalidDataException($"'{source}' has no storage key list.");
        }

        foreach (string key in keys)
        {
            if (!storages.TryGetValue(key, out var storage))
            {
                throw new InvalidDataException($"'{source}' lists storage '{key}' that no tensor uses.");
            }

            long count = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(position, 8));
            position += 8;
            long length = count * storage.ElementSize;
            if (count < 0 || position + length > data.Length)
            {
                throw new InvalidDataException($"'{source}' is truncated inside storage '{key}'.");
            }

            storage.Bytes = data.AsMemory(position, (int)length);
            storage.Count = count;
            position += (int)length;
        }

        return Materialise(root, source);
    }

    private static object NextPickle(byte[] data, ref int position, Unpickler unpickler)
    {
        using (unpickler)
        {
            byte[] pickle = PickleOpcodes.CopyWithRenamedGlobals(data, position, Renames, out position);
            return unpickler.loads(pickle);
        }
    }

    /// <summary>Replaces tensor placeholders by tensors, in place, through dicts and lists.</summary>
    private static object Materialise(object value, string source)
    {
        switch (value)
        {
            case TensorPlaceholder placeholder:
                return placeholder.Create(source);
            case Hashtable dictionary:
                foreach (var key in dictionary.Keys.Cast<object>().ToList())
                {
                    dictionary[key] = Materialise(dictionary[key]!, source);
                }

                return dictionary;
            case ArrayList list:
                for (int i = 0; i < list.Count; i++)
                {
                    list[i] = Materialise(list[i]!, source);
                }

                return list;
            default:
                return value;
        }
    }

    private static (ScalarType Type, int Size) StorageType(string name) => name switch
    {
        "FloatStorage" => (ScalarType.Float32, 4),
        "DoubleStorage" => (ScalarType.Float64, 8),
        "HalfStorage" => (ScalarType.Float16, 2),
        "BFloat16Storage" => (ScalarType.BFloat16, 2),
        "LongStorage" => (ScalarType.Int64, 8),
        "IntStorage" => (ScalarType.Int32, 4),
        "ShortStorage" => (ScalarType.Int16, 2),
        "CharStorage" => (ScalarType.Int8, 1),
        "ByteStorage" => (ScalarType.Byte, 1),
        "BoolStorage" => (ScalarType.Bool, 1),
        _ => throw new InvalidDataException($"Unsupported storage type '{name}' in a legacy PyTorch checkpoint."),
    };

    private static long ToLong(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private sealed class Storage(string key, ScalarType type, int elementSize)
    {
        public string Key { get; } = key;

        public ScalarType Type { get; } = type;

        public int ElementSize { get; } = elementSize;

        public Memory<byte> Bytes { get; set; }

        public long Count { get; set; } = -1;
    }

    /// <summary>A storage as a tensor sees it: the shared storage and the element offset of a storage view.</summary>
    private sealed record StorageReference(Storage Storage, long Offset);

    private sealed record TensorPlaceholder(StorageReference Reference, long Offset, long[] Shape, long[] Stride)
    {
        public Tensor Create(string source)
        {
            var storage = Reference.Storage;
            if (storage.Count < 0)
            {
                throw new InvalidDataException($"'{source}' has no data for storage '{storage.Key}'.");
            }

            using var flat = empty(storage.Count, storage.Type);
            flat.bytes = storage.Bytes.Span;
            using var view = flat.as_strided(Shape, Stride, Reference.Offset + Offset);
            return view.clone();
        }
    }

    private sealed class StorageUnpickler(Dictionary<string, Storage> storages) : Unpickler
    {
        // pid = ('storage', storage type, key, location, size, view metadata or None)
        protected override object persistentLoad(object pid)
        {
            if (pid is not object[] { Length: 6 } parts || parts[0] as string != "storage")
            {
                throw new InvalidDataException("Unknown persistent id in a legacy PyTorch checkpoint.");
            }

            string typeName = ((ClassDictConstructor)parts[1]).name;
            string key = (string)parts[2];
            if (!storages.TryGetValue(key, out var storage))
            {
                var (type, size) = StorageType(typeName);
                storage = new Storage(key, type, size);
                storages[key] = storage;
            }

            long offset = parts[5] is object[] view ? ToLong(view[1]) : 0;
            return new StorageReference(storage, offset);
        }
    }

    // args = (storage, storage offset, size, stride[, requires_grad, backward hooks[, metadata]])
    private sealed class TensorConstructor : IObjectConstructor
    {
        public object construct(object[] args) => new TensorPlaceholder(
            (StorageReference)args[0],
            ToLong(args[1]),
            ((object[])args[2]).Select(ToLong).ToArray(),
            ((object[])args[3]).Select(ToLong).ToArray());
    }

    private sealed class OrderedDictConstructor : IObjectConstructor
    {
        public object construct(object[] args) => new PickledOrderedDict();
    }
}

/// <summary>A pickled OrderedDict; its pickled state (state-dict metadata) carries no tensors and is dropped.</summary>
internal sealed class PickledOrderedDict : Hashtable
{
    // Razorvine calls this by name for the BUILD opcode.
#pragma warning disable CA1707, IDE1006, CA1822
    public void __setstate__(Hashtable state)
    {
        _ = state;
    }
#pragma warning restore CA1707, IDE1006, CA1822
}
