using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Pixels;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Training.Degradation.Official;

/// <summary>Encode as JPEG at a quality and decode again, leaving the block and ringing artefacts in the pixels.</summary>
public static class JpegRoundTrip
{
    public static RgbImage Apply(RgbImage image, int quality)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);

        using var stream = new MemoryStream();
        using (var pixels = ImageSharpBridge.ToRgb24(image))
        {
            // 4:2:0 chroma subsampling is what PIL (the released code's encoder) uses by default at every quality.
            pixels.Save(stream, new JpegEncoder { Quality = quality, ColorType = JpegColorType.YCbCrRatio420 });
        }
        stream.Position = 0;
        using var decoded = Image.Load<Rgb24>(ImageSharpBridge.SingleThreaded, stream);
        return ImageSharpBridge.FromRgb24(decoded);
    }
}
