using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Support;

/// <summary>
/// Reads NumPy .npy arrays of little-endian float32 or int64 in C order (what the golden vectors use) as tensors.
/// Anything else is rejected with a message naming the file and what it holds.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static Tensor Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not a .npy file.");
        }

        int major = bytes[6];
        int headerLength, headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8, 2));
            headerStart = 10;
        }
        else
        {
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8, 4)));
            headerStart = 12;
        }

        string header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        string descr = Descr().Match(header) is { Success: true } d
            ? d.Groups[1].Value
            : throw new InvalidDataException($"'{path}': no descr in header {header}");
        if (!FortranFalse().IsMatch(header))
        {
            throw new InvalidDataException($"'{path}': only C-order arrays are supported ({header}).");
        }

        long[] shape = ShapeTuple().Match(header) is { Success: true } s
            ? s.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : throw new InvalidDataException($"'{path}': no shape in header {header}");

        var payload = bytes.AsSpan(headerStart + headerLength);
        long count = shape.Aggregate(1L, (a, b) => a * b);
        return descr switch
        {
            "<f4" => tensor(Decode(payload, count, 4, span => BinaryPrimitives.ReadSingleLittleEndian(span)), shape),
            "<i8" => tensor(Decode(payload, count, 8, span => BinaryPrimitives.ReadInt64LittleEndian(span)), shape),
            _ => throw new InvalidDataException($"'{path}': element type {descr} is not supported (float32 and int64 are)."),
        };
    }

    private delegate T Reader<out T>(ReadOnlySpan<byte> span);

    private static T[] Decode<T>(ReadOnlySpan<byte> payload, long count, int size, Reader<T> read)
    {
        if (payload.Length != count * size)
        {
            throw new InvalidDataException($"Expected {count * size} bytes of data, found {payload.Length}.");
        }

        var values = new T[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = read(payload.Slice(i * size, size));
        }

        return values;
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order':\s*False")]
    private static partial Regex FortranFalse();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapeTuple();
}
