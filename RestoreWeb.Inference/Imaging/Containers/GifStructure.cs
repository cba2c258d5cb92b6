namespace RestoreWeb.Inference.Imaging.Containers;

/// <summary>
/// Walks GIF blocks up to the end of the first image, which is the only frame RestoreWeb decodes: a truncated
/// later frame of an animation does not matter, a truncated first frame does.
/// </summary>
internal static class GifStructure
{
    private const int HeaderAndScreenDescriptor = 13;
    private const int ImageDescriptorAfterIntroducer = 9;
    private const byte ExtensionIntroducer = 0x21;
    private const byte ImageSeparator = 0x2C;
    private const byte ColorTableFlag = 0x80;

    public static ContainerState Check(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderAndScreenDescriptor)
        {
            return ContainerState.Truncated;
        }
        long position = HeaderAndScreenDescriptor + ColorTableLength(data[10]);
        while (true)
        {
            if (position >= data.Length)
            {
                return ContainerState.Truncated;
            }
            byte introducer = data[(int)position++];
            switch (introducer)
            {
                case ExtensionIntroducer:
                    // The label byte, then data sub-blocks.
                    position = SkipSubBlocks(data, position + 1);
                    break;
                case ImageSeparator:
                    if (position + ImageDescriptorAfterIntroducer > data.Length)
                    {
                        return ContainerState.Truncated;
                    }
                    byte flags = data[(int)position + 8];
                    // Descriptor, local colour table, then the LZW minimum code size before the sub-blocks.
                    position += ImageDescriptorAfterIntroducer + ColorTableLength(flags) + 1;
                    return SkipSubBlocks(data, position) < 0 ? ContainerState.Truncated : ContainerState.Complete;
                default:
                    // Includes the trailer: a GIF that ends before any image has nothing to decode.
                    return ContainerState.Malformed;
            }
            if (position < 0)
            {
                return ContainerState.Truncated;
            }
        }
    }

    private static int ColorTableLength(byte flags) =>
        (flags & ColorTableFlag) == 0 ? 0 : 3 * (1 << ((flags & 0x07) + 1));

    /// <summary>Position after the block terminator, or −1 when the data ends first.</summary>
    private static long SkipSubBlocks(ReadOnlySpan<byte> data, long position)
    {
        while (true)
        {
            if (position >= data.Length)
            {
                return -1;
            }
            byte size = data[(int)position];
            position += 1 + size;
            if (size == 0)
            {
                return position;
            }
        }
    }
}
