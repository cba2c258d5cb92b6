using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RestoreWeb.Server.Tests.Support;

/// <summary>Files that look like photos to a careless server.</summary>
public static class BadFiles
{
    /// <summary>The start of an iPhone HEIC file: an ISO-BMFF "ftyp" box with brand "heic".</summary>
    public static byte[] Heic()
    {
        var bytes = new byte[4096];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 24);
        "ftypheic"u8.CopyTo(bytes.AsSpan(4));
        "mif1heicmiaf"u8.CopyTo(bytes.AsSpan(12));
        return bytes;
    }

    /// <summary>A complete, tiny PNG whose header declares 60000×60000 pixels: 3.6 gigapixels if anyone decoded it.</summary>
    public static byte[] DecompressionBombPng()
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 60000);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 60000);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        WriteChunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[60001 * 4]);
            }
            WriteChunk(output, "IDAT", compressed.ToArray());
        }
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    public static byte[] TextRenamedAsJpeg() => Encoding.UTF8.GetBytes("These are my holiday notes, not a photo.\nDay 1: beach.\n");

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        output.Write(length);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        output.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        output.Write(crc);
    }

    /// <summary>The CRC-32 PNG chunks end with (ISO 3309, reflected polynomial 0xEDB88320).</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }
        return ~crc;
    }
}
