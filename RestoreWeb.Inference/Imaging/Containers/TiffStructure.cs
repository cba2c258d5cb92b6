using System.Buffers.Binary;

namespace RestoreWeb.Inference.Imaging.Containers;

/// <summary>
/// Reads the first image file directory (IFD) of a TIFF and checks that every strip or tile it points at lies
/// inside the file. TIFF writers may put the directory before or after the pixel data, so a cut-off file can
/// lose either; both are caught here.
/// </summary>
internal static class TiffStructure
{
    private const int HeaderLength = 8;
    private const int EntryLength = 12;
    private const ushort StripOffsets = 273;
    private const ushort StripByteCounts = 279;
    private const ushort TileOffsets = 324;
    private const ushort TileByteCounts = 325;
    private const ushort Orientation = 274;
    private const ushort TypeShort = 3;
    private const ushort TypeLong = 4;

    public static ContainerState Check(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength)
        {
            return ContainerState.Truncated;
        }
        bool little = data[0] == (byte)'I';
        long directory = ReadUInt32(data, 4, little);
        if (directory < HeaderLength)
        {
            return ContainerState.Malformed;
        }
        if (directory + 2 > data.Length)
        {
            return ContainerState.Truncated;
        }
        int count = ReadUInt16(data, (int)directory, little);
        if (directory + 2 + ((long)count * EntryLength) > data.Length)
        {
            return ContainerState.Truncated;
        }

        Span<Range> found = stackalloc Range[4];
        Span<int> types = stackalloc int[4];
        Span<bool> present = stackalloc bool[4];
        for (int i = 0; i < count; i++)
        {
            int entry = (int)directory + 2 + (i * EntryLength);
            int slot = ReadUInt16(data, entry, little) switch
            {
                StripOffsets => 0,
                StripByteCounts => 1,
                TileOffsets => 2,
                TileByteCounts => 3,
                _ => -1,
            };
            if (slot < 0)
            {
                continue;
            }
            var state = LocateValues(data, entry, little, out found[slot], out types[slot]);
            if (state != ContainerState.Complete)
            {
                return state;
            }
            present[slot] = true;
        }

        if (present[0] && present[1])
        {
            return CheckBlocks(data, little, found[0], types[0], found[1], types[1]);
        }
        if (present[2] && present[3])
        {
            return CheckBlocks(data, little, found[2], types[2], found[3], types[3]);
        }
        return ContainerState.Malformed;
    }

    /// <summary>
    /// The Orientation tag (1–8) of the first directory, or 1. TIFF keeps it among the page's own tags, where
    /// ImageSharp's header-only identification does not look.
    /// </summary>
    public static int ReadOrientation(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength)
        {
            return 1;
        }
        bool little = data[0] == (byte)'I';
        long directory = ReadUInt32(data, 4, little);
        if (directory < HeaderLength || directory + 2 > data.Length)
        {
            return 1;
        }
        int count = ReadUInt16(data, (int)directory, little);
        for (int i = 0; i < count; i++)
        {
            long entry = directory + 2 + ((long)i * EntryLength);
            if (entry + EntryLength > data.Length)
            {
                break;
            }
            if (ReadUInt16(data, (int)entry, little) == Orientation && ReadUInt16(data, (int)entry + 2, little) == TypeShort)
            {
                int value = ReadUInt16(data, (int)entry + 8, little);
                return value is >= 1 and <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /// <summary>Where an entry's SHORT or LONG array lies: inside the entry when it fits in 4 bytes, else at an offset.</summary>
    private static ContainerState LocateValues(ReadOnlySpan<byte> data, int entry, bool little, out Range values, out int type)
    {
        values = default;
        type = ReadUInt16(data, entry + 2, little);
        if (type is not (TypeShort or TypeLong))
        {
            return ContainerState.Malformed;
        }
        long count = ReadUInt32(data, entry + 4, little);
        long length = count * (type == TypeShort ? 2 : 4);
        long start = length <= 4 ? entry + 8 : ReadUInt32(data, entry + 8, little);
        if (count == 0)
        {
            return ContainerState.Malformed;
        }
        if (start + length > data.Length)
        {
            return ContainerState.Truncated;
        }
        values = new Range((int)start, (int)(start + length));
        return ContainerState.Complete;
    }

    private static ContainerState CheckBlocks(ReadOnlySpan<byte> data, bool little, Range offsets, int offsetType, Range counts, int countType)
    {
        var offsetBytes = data[offsets];
        var countBytes = data[counts];
        int blocks = offsetBytes.Length / (offsetType == TypeShort ? 2 : 4);
        if (countBytes.Length / (countType == TypeShort ? 2 : 4) != blocks)
        {
            return ContainerState.Malformed;
        }
        for (int i = 0; i < blocks; i++)
        {
            long offset = ReadValue(offsetBytes, i, offsetType, little);
            long length = ReadValue(countBytes, i, countType, little);
            if (offset + length > data.Length)
            {
                return ContainerState.Truncated;
            }
        }
        return ContainerState.Complete;
    }

    private static long ReadValue(ReadOnlySpan<byte> values, int index, int type, bool little) =>
        type == TypeShort ? ReadUInt16(values, index * 2, little) : ReadUInt32(values, index * 4, little);

    private static ushort ReadUInt16(ReadOnlySpan<byte> data, int offset, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]) : BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);

    private static uint ReadUInt32(ReadOnlySpan<byte> data, int offset, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]) : BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
}
