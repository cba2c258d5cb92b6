using System.Buffers.Binary;

namespace RestoreWeb.Inference.Imaging.Containers;

/// <summary>Walks PNG chunks from the signature to IEND; a file that stops before IEND's CRC is truncated.</summary>
internal static class PngStructure
{
    public const int SignatureLength = 8;

    /// <summary>Length field, type, and CRC around each chunk's data.</summary>
    public const int ChunkOverhead = 12;

    public static ContainerState Check(ReadOnlySpan<byte> data)
    {
        int position = SignatureLength;
        bool first = true;
        while (true)
        {
            var state = ReadChunk(data, position, out var type, out int dataLength);
            if (state != ContainerState.Complete)
            {
                return state;
            }
            if (first && !type.SequenceEqual("IHDR"u8))
            {
                return ContainerState.Malformed;
            }
            if (type.SequenceEqual("IEND"u8))
            {
                return ContainerState.Complete;
            }
            first = false;
            position += ChunkOverhead + dataLength;
        }
    }

    /// <summary>The data of the first chunk of <paramref name="wanted"/> type before IDAT, if the file has one.</summary>
    public static bool TryFindChunkBeforeImageData(ReadOnlySpan<byte> data, ReadOnlySpan<byte> wanted, out Range chunkData)
    {
        int position = SignatureLength;
        while (ReadChunk(data, position, out var type, out int dataLength) == ContainerState.Complete)
        {
            if (type.SequenceEqual(wanted))
            {
                chunkData = new Range(position + 8, position + 8 + dataLength);
                return true;
            }
            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8))
            {
                break;
            }
            position += ChunkOverhead + dataLength;
        }
        chunkData = default;
        return false;
    }

    /// <summary>Reads the chunk header at <paramref name="position"/> and checks the whole chunk is present.</summary>
    private static ContainerState ReadChunk(ReadOnlySpan<byte> data, int position, out ReadOnlySpan<byte> type, out int dataLength)
    {
        type = default;
        dataLength = 0;
        if (position + 8 > data.Length)
        {
            return ContainerState.Truncated;
        }
        uint length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
        // The PNG specification caps chunk lengths at 2^31 − 1.
        if (length > int.MaxValue)
        {
            return ContainerState.Malformed;
        }
        type = data.Slice(position + 4, 4);
        dataLength = (int)length;
        return (long)position + ChunkOverhead + dataLength > data.Length ? ContainerState.Truncated : ContainerState.Complete;
    }
}
