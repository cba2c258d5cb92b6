using System.Buffers.Binary;

namespace RestoreWeb.Inference.Tests.Imaging;

/// <summary>
/// Writes a minimal uncompressed 16-bit greyscale TIFF by hand, directory first and pixels after it, with an
/// Orientation tag: a layout and two features that ImageSharp 2.1's own TIFF encoder cannot produce.
/// </summary>
internal static class TiffTestWriter
{
    private const ushort Short = 3;
    private const ushort Long = 4;

    public static byte[] Grey16(int width, int height, ushort[] samples, ushort orientation, ushort compression = 1)
    {
        Assert.Equal(width * height, samples.Length);
        (ushort Tag, ushort Type, uint Value)[] entries =
        [
            (256, Long, (uint)width),     // ImageWidth
            (257, Long, (uint)height),    // ImageLength
            (258, Short, 16),             // BitsPerSample
            (259, Short, compression),    // Compression: 1 is none
            (262, Short, 1),              // PhotometricInterpretation: black is zero
            (273, Long, 0),               // StripOffsets, filled in below
            (274, Short, orientation),    // Orientation
            (277, Short, 1),              // SamplesPerPixel
            (278, Long, (uint)height),    // RowsPerStrip: one strip
            (279, Long, (uint)(samples.Length * 2)), // StripByteCounts
            (284, Short, 1),              // PlanarConfiguration: chunky
        ];
        int directoryLength = 2 + (entries.Length * 12) + 4;
        int pixelOffset = 8 + directoryLength;
        entries[5].Value = (uint)pixelOffset;

        var file = new byte[pixelOffset + (samples.Length * 2)];
        var span = file.AsSpan();
        span[0] = (byte)'I';
        span[1] = (byte)'I';
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 8);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)entries.Length);
        for (int i = 0; i < entries.Length; i++)
        {
            var entry = span[(10 + (i * 12))..];
            BinaryPrimitives.WriteUInt16LittleEndian(entry, entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], 1);
            if (entries[i].Type == Short)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(entry[8..], (ushort)entries[i].Value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], entries[i].Value);
            }
        }
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[(pixelOffset + (i * 2))..], samples[i]);
        }
        return file;
    }
}
