using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata;

namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// The ImageSharp decoder for a sniffed format. Calling it directly, instead of letting ImageSharp detect the
/// format again, keeps the sniffer the only authority on what a file is.
/// </summary>
public static class ImageSharpDecoders
{
    public static IImageDecoder For(ImageFormatKind format) => format switch
    {
        ImageFormatKind.Jpeg => new JpegDecoder(),
        ImageFormatKind.Png => new PngDecoder(),
        // Animations and multi-page scans: only the first frame is restored, so only it is decoded.
        ImageFormatKind.Gif => new GifDecoder { DecodingMode = FrameDecodingMode.First },
        ImageFormatKind.Tiff => new TiffDecoder { DecodingMode = FrameDecodingMode.First },
        ImageFormatKind.Webp => new WebpDecoder(),
        ImageFormatKind.Bmp => new BmpDecoder(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format."),
    };

    public static IImageInfoDetector DetectorFor(ImageFormatKind format) => (IImageInfoDetector)For(format);
}
