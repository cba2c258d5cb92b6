using System.Buffers.Binary;

namespace RestoreWeb.Inference.Imaging.Containers;

/// <summary>
/// Walks JPEG marker segments from SOI to EOI, stepping over entropy-coded scan data. Segment lengths are
/// followed rather than searching for the last FF D9, so an EXIF thumbnail's own EOI inside APP1 does not count
/// and bytes appended after the real EOI (some phones add trailers) do no harm.
/// </summary>
internal static class JpegStructure
{
    private const byte Marker = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;
    private const byte Temporary = 0x01;

    public static ContainerState Check(ReadOnlySpan<byte> data)
    {
        int position = 2;
        while (true)
        {
            if (position >= data.Length)
            {
                return ContainerState.Truncated;
            }
            if (data[position] != Marker)
            {
                // Stray bytes between segments are common in real files and libjpeg only warns about them
                // ("extraneous bytes before marker"); browsers show such photos, so skip to the next marker.
                int next = data[position..].IndexOf(Marker);
                if (next < 0)
                {
                    return ContainerState.Truncated;
                }
                position += next;
            }
            while (position < data.Length && data[position] == Marker)
            {
                position++;
            }
            if (position >= data.Length)
            {
                return ContainerState.Truncated;
            }

            byte marker = data[position++];
            if (marker == EndOfImage)
            {
                return ContainerState.Complete;
            }
            if (marker == StartOfImage)
            {
                return ContainerState.Malformed;
            }
            // FF 00 and RSTn outside a scan carry no segment; treated as stray bytes like the ones above.
            if (marker == 0x00 || marker == Temporary || IsRestart(marker))
            {
                continue;
            }

            if (position + 2 > data.Length)
            {
                return ContainerState.Truncated;
            }
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2)
            {
                return ContainerState.Malformed;
            }
            position += length;
            if (position > data.Length)
            {
                return ContainerState.Truncated;
            }
            if (marker == StartOfScan)
            {
                position = SkipEntropyCodedData(data, position);
                if (position < 0)
                {
                    return ContainerState.Truncated;
                }
            }
        }
    }

    /// <summary>Position of the first real marker after scan data, or −1 when the data ends first.</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> data, int position)
    {
        while (true)
        {
            int next = data[position..].IndexOf(Marker);
            if (next < 0)
            {
                return -1;
            }
            position += next;
            if (position + 1 >= data.Length)
            {
                return -1;
            }
            byte following = data[position + 1];
            // FF 00 is an escaped FF inside the data, RSTn separate restart intervals, FF FF is fill before a marker.
            if (following == 0x00 || IsRestart(following))
            {
                position += 2;
            }
            else if (following == Marker)
            {
                position += 1;
            }
            else
            {
                return position;
            }
        }
    }

    private static bool IsRestart(byte marker) => marker is >= 0xD0 and <= 0xD7;
}
