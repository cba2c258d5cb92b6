using System.Buffers.Binary;

namespace RestoreWeb.Inference.Imaging.Containers;

/// <summary>
/// Checks a BMP's length against its headers: for uncompressed bitmaps, the pixel array its width, height and bit
/// depth imply; for compressed ones, the file size it declares.
/// </summary>
internal static class BmpStructure
{
    private const int FileHeaderLength = 14;
    private const int CoreHeaderLength = 12;
    private const uint Uncompressed = 0;
    private const uint BitFields = 3;
    private const uint AlphaBitFields = 6;

    public static ContainerState Check(ReadOnlySpan<byte> data)
    {
        if (data.Length < FileHeaderLength + 4)
        {
            return ContainerState.Truncated;
        }
        long declaredSize = BinaryPrimitives.ReadUInt32LittleEndian(data[2..]);
        long pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        int infoLength = BinaryPrimitives.ReadInt32LittleEndian(data[14..]);
        if (data.Length < FileHeaderLength + Math.Min(infoLength, 40))
        {
            return ContainerState.Truncated;
        }

        long width, height;
        int bitsPerPixel;
        uint compression;
        if (infoLength == CoreHeaderLength)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadInt16LittleEndian(data[20..]);
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(data[24..]);
            compression = Uncompressed;
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
            compression = infoLength >= 20 ? BinaryPrimitives.ReadUInt32LittleEndian(data[30..]) : Uncompressed;
        }
        if (width <= 0 || height == 0 || bitsPerPixel == 0 || pixelOffset < FileHeaderLength)
        {
            return ContainerState.Malformed;
        }

        if (compression is Uncompressed or BitFields or AlphaBitFields)
        {
            // Rows are padded to whole 32-bit words; a negative height only means top-down row order.
            long stride = ((width * bitsPerPixel) + 31) / 32 * 4;
            return pixelOffset + (stride * Math.Abs(height)) > data.Length ? ContainerState.Truncated : ContainerState.Complete;
        }

        // Compressed (RLE) pixels have no predictable length, so the declared file size is all there is. Writers
        // are known to get that field wrong, which is why uncompressed files are measured instead; 0 means unset.
        return declaredSize != 0 && declaredSize > data.Length ? ContainerState.Truncated : ContainerState.Complete;
    }
}
