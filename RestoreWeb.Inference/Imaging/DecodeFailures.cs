using RestoreWeb.Inference.Imaging.Containers;
using SixLabors.ImageSharp;

namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// Turns what ImageSharp throws on bad input into a rejection. Besides its own exception types, its 2.1 decoders
/// can fail on hostile input with plain runtime exceptions (index or argument errors, end of stream), and the
/// PNG decoder lets the runtime's inflater report a damaged compressed stream as <see cref="InvalidDataException"/>.
/// </summary>
internal static class DecodeFailures
{
    public static bool IsDecodeFailure(Exception e) => e is ImageFormatException or NotSupportedException or EndOfStreamException
        or InvalidDataException or IndexOutOfRangeException or ArgumentException or InvalidOperationException or OverflowException;

    public static ImageRejectedException ToRejection(ImageFormatKind format, ContainerState container, Exception e)
    {
        if (container == ContainerState.Truncated || e is EndOfStreamException)
        {
            return ImageRejections.Truncated(format, e);
        }
        // ImageSharp signals unimplemented variants (a TIFF compression, a 12-bit JPEG) with NotSupportedException.
        if (e is NotSupportedException and not PlatformNotSupportedException)
        {
            return ImageRejections.UnsupportedVariant(format, e);
        }
        return ImageRejections.Corrupt(format, e);
    }
}
