using System.Buffers.Binary;
using System.Text;

namespace RestoreWeb.Inference.Tests.Imaging;

/// <summary>
/// Reads and patches PNG chunks, with a CRC written here rather than borrowed from the code under test, so that
/// a crafted file is valid by an independent account.
/// </summary>
internal static class PngChunkTestTools
{
    public static List<(string Type, byte[] Data, bool CrcValid)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[], bool)>();
        int position = 8;
        while (position + 12 <= png.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            string type = Encoding.ASCII.GetString(png, position + 4, 4);
            var data = png.AsSpan(position + 8, length).ToArray();
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length));
            chunks.Add((type, data, crc == Crc32(png.AsSpan(position + 4, 4 + length))));
            position += 12 + length;
        }
        return chunks;
    }

    /// <summary>A copy whose IHDR declares the given size, with the CRC recomputed so that decoders accept it.</summary>
    public static byte[] WithDeclaredSize(byte[] png, uint width, uint height)
    {
        var copy = (byte[])png.Clone();
        Assert.Equal("IHDR", Encoding.ASCII.GetString(copy, 12, 4));
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(29), Crc32(copy.AsSpan(12, 17)));
        return copy;
    }

    /// <summary>A copy with a chunk of the given type and data inserted right after IHDR.</summary>
    public static byte[] InsertAfterHeader(byte[] png, string type, byte[] data)
    {
        const int afterHeader = 8 + 12 + 13;
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return [.. png[..afterHeader], .. chunk, .. png[afterHeader..]];
    }

    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = uint.MaxValue;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
            }
        }
        return ~crc;
    }
}
