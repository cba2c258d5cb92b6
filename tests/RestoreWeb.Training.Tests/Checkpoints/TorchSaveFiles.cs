using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Text;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Checkpoints;

/// <summary>
/// Builds torch.save files of other layouts from the golden ones, by editing the pickle stream: no Python here.
/// </summary>
internal static class TorchSaveFiles
{
    private const byte Proto = 0x80, Stop = (byte)'.', EmptyDict = (byte)'}', SetItem = (byte)'s',
        BinUnicode = (byte)'X', BinInt1 = (byte)'K', EmptyList = (byte)']';

    /// <summary>
    /// The layout of the official detector checkpoint: <c>{"model_state": state_dict, "epoch": 7,
    /// "optimizer_state": {"param_groups": []}}</c>. The original OrderedDict pickle is embedded unchanged (its
    /// memo indices stay valid because the added opcodes use no memo).
    /// </summary>
    public static void WrapInModelState(string stateDictFile, string destination)
    {
        using var source = ZipFile.OpenRead(stateDictFile);
        using var target = ZipFile.Open(destination, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            using var input = entry.Open();
            using var buffer = new MemoryStream();
            input.CopyTo(buffer);
            byte[] bytes = buffer.ToArray();
            if (entry.FullName.EndsWith("data.pkl", StringComparison.Ordinal))
            {
                bytes = Wrap(bytes);
            }

            var copy = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression);
            using var output = copy.Open();
            output.Write(bytes);
        }
    }

    /// <summary>
    /// Writes tensors in the legacy (pre-1.6) torch.save format: magic number, protocol, system info, the
    /// OrderedDict with storages as persistent ids, the storage keys, then each storage's count and bytes. With
    /// <paramref name="sharedStorages"/> all tensors of one element type are views into one storage, at offsets.
    /// </summary>
    public static void WriteLegacy(
        IEnumerable<KeyValuePair<string, Tensor>> tensors, string destination, bool inModelState, bool sharedStorages)
    {
        var entries = tensors.Select(e => (e.Key, Value: e.Value.contiguous())).ToList();
        var storages = new List<(string Key, string Type, List<byte> Bytes, long Count)>();
        var placement = new Dictionary<string, (string Storage, long Offset)>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            string type = value.dtype == ScalarType.Int64 ? "LongStorage" : "FloatStorage";
            int index = sharedStorages ? storages.FindIndex(s => s.Type == type) : -1;
            if (index < 0)
            {
                storages.Add((storages.Count.ToString(CultureInfo.InvariantCulture), type, [], 0));
                index = storages.Count - 1;
            }

            var storage = storages[index];
            placement[key] = (storage.Key, storage.Count);
            storage.Bytes.AddRange(value.bytes.ToArray());
            storages[index] = storage with { Count = storage.Count + value.numel() };
        }

        var main = new PickleWriter();
        if (inModelState)
        {
            main.EmptyDict().String("model_state");
        }

        main.Global("collections", "OrderedDict").EmptyTuple().Reduce().Mark();
        foreach (var (key, value) in entries)
        {
            var (storageKey, offset) = placement[key];
            var storage = storages.Single(s => s.Key == storageKey);
            main.String(key).Global("torch._utils", "_rebuild_tensor_v2").Mark()
                .Mark().String("storage").Global("torch", storage.Type).String(storageKey).String("cpu").Int(storage.Count)
                .None().Tuple().PersistentId()
                .Int(offset);
            main.Mark();
            foreach (long size in value.shape)
            {
                main.Int(size);
            }

            main.Tuple().Mark();
            foreach (long stride in value.stride())
            {
                main.Int(stride);
            }

            main.Tuple().False().Global("collections", "OrderedDict").EmptyTuple().Reduce().Tuple().Reduce();
        }

        main.SetItems().EmptyDict().String("_metadata").EmptyDict().SetItem().Build();
        if (inModelState)
        {
            main.SetItem();
        }

        using var file = File.Create(destination);
        var magic = BigInteger.Parse("1950a86a20f9469cfc6c", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        file.Write(new PickleWriter().Long(magic).Stop());
        file.Write(new PickleWriter().Int(1001).Stop());
        file.Write(new PickleWriter().EmptyDict().Mark().String("protocol_version").Int(1001).String("little_endian").True()
            .SetItems().Stop());
        file.Write(main.Stop());
        var keys = new PickleWriter().EmptyList().Mark();
        foreach (var storage in storages)
        {
            keys.String(storage.Key);
        }

        file.Write(keys.Appends().Stop());
        Span<byte> count = stackalloc byte[8];
        foreach (var storage in storages)
        {
            BinaryPrimitives.WriteInt64LittleEndian(count, storage.Count);
            file.Write(count);
            file.Write(storage.Bytes.ToArray());
        }

        foreach (var (_, value) in entries)
        {
            value.Dispose();
        }
    }

    private static byte[] Wrap(byte[] pickle)
    {
        if (pickle[0] != Proto || pickle[^1] != Stop)
        {
            throw new InvalidDataException("unexpected pickle framing");
        }

        using var result = new MemoryStream();
        result.Write(pickle.AsSpan(0, 2));
        result.WriteByte(EmptyDict);
        WriteString(result, "model_state");
        result.Write(pickle.AsSpan(2, pickle.Length - 3));
        result.WriteByte(SetItem);
        WriteString(result, "epoch");
        result.WriteByte(BinInt1);
        result.WriteByte(7);
        result.WriteByte(SetItem);
        WriteString(result, "optimizer_state");
        result.WriteByte(EmptyDict);
        WriteString(result, "param_groups");
        result.WriteByte(EmptyList);
        result.WriteByte(SetItem);
        result.WriteByte(SetItem);
        result.WriteByte(Stop);
        return result.ToArray();
    }

    private static void WriteString(Stream stream, string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        stream.WriteByte(BinUnicode);
        stream.Write(BitConverter.GetBytes(utf8.Length));
        stream.Write(utf8);
    }
}
