using System.Buffers.Binary;
using System.IO.Compression;

namespace RestoreWeb.Inference.Imaging.Containers;

/// <summary>
/// Reads and writes the iCCP chunk ourselves: ImageSharp 2.1's PNG decoder skips it and its encoder never
/// writes one, which would silently strip a scan's colour profile from every restored PNG.
/// </summary>
internal static class PngIccChunk
{
    /// <summary>Larger than any real profile; guards against a tiny chunk that inflates to gigabytes.</summary>
    private const int MaxProfileBytes = 16 * 1024 * 1024;

    private const byte CompressionDeflate = 0;

    /// <summary>The uncompressed ICC profile of a PNG, or null when it has none or the chunk is unreadable.</summary>
    public static byte[]? Read(ReadOnlySpan<byte> png)
    {
        if (!PngStructure.TryFindChunkBeforeImageData(png, "iCCP"u8, out var range))
        {
            return null;
        }
        var chunk = png[range];
        int nameEnd = chunk.IndexOf((byte)0);
        if (nameEnd is < 1 or > 79 || nameEnd + 2 > chunk.Length || chunk[nameEnd + 1] != CompressionDeflate)
        {
            return null;
        }

        using var compressed = new MemoryStream(chunk[(nameEnd + 2)..].ToArray(), writable: false);
        try
        {
            using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
            using var profile = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (profile.Length + read > MaxProfileBytes)
                {
                    return null;
                }
                profile.Write(buffer, 0, read);
            }
            return profile.Length == 0 ? null : profile.ToArray();
        }
        catch (InvalidDataException)
        {
            // A damaged profile loses the profile, not the photo.
            return null;
        }
    }

    /// <summary>A copy of <paramref name="png"/> with an iCCP chunk right after IHDR, where the specification wants it.</summary>
    public static byte[] Insert(ReadOnlySpan<byte> png, ReadOnlySpan<byte> profile)
    {
        int headerEnd = PngStructure.SignatureLength + PngStructure.ChunkOverhead
            + (int)BinaryPrimitives.ReadUInt32BigEndian(png[PngStructure.SignatureLength..]);

        using var body = new MemoryStream();
        body.Write("iCCP"u8);
        body.Write("ICC profile"u8);
        body.WriteByte(0);
        body.WriteByte(CompressionDeflate);
        using (var deflater = new ZLibStream(body, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflater.Write(profile);
        }
        var typeAndData = body.ToArray();

        var result = new byte[png.Length + typeAndData.Length + 8];
        png[..headerEnd].CopyTo(result);
        int position = headerEnd;
        BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(position), (uint)(typeAndData.Length - 4));
        typeAndData.CopyTo(result, position + 4);
        position += 4 + typeAndData.Length;
        BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(position), PngCrc.Compute(typeAndData));
        png[headerEnd..].CopyTo(result.AsSpan(position + 4));
        return result;
    }
}
