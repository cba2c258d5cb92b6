using System.Buffers.Binary;

namespace RestoreWeb.Inference.Imaging.Containers;

/// <summary>WebP is a RIFF file: its header states the length of everything that follows.</summary>
internal static class WebpStructure
{
    private const int RiffHeaderLength = 8;
    private const int FormTypeLength = 4;

    public static ContainerState Check(ReadOnlySpan<byte> data)
    {
        if (data.Length < RiffHeaderLength + FormTypeLength)
        {
            return ContainerState.Truncated;
        }
        long declared = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (declared < FormTypeLength)
        {
            return ContainerState.Malformed;
        }
        return RiffHeaderLength + declared > data.Length ? ContainerState.Truncated : ContainerState.Complete;
    }
}
