using RestoreWeb.Inference.Imaging.Containers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;

namespace RestoreWeb.Inference.Imaging;

/// <summary>Writes a restored <see cref="RgbImage"/> as JPEG or PNG, carrying the original's metadata over.</summary>
public sealed class PhotoEncoder
{
    private readonly ImagingOptions _options;

    public PhotoEncoder(ImagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The encoded file. Values outside [0, 1] are clipped, then rounded to the nearest code value.</summary>
    public byte[] Encode(RgbImage pixels, PhotoMetadata metadata, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(metadata);
        return format switch
        {
            OutputFormat.Jpeg => EncodeJpeg(pixels, metadata),
            OutputFormat.Png => EncodePng(pixels, metadata, sixteenBit: false),
            OutputFormat.Png16 => EncodePng(pixels, metadata, sixteenBit: true),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown output format."),
        };
    }

    public void Encode(RgbImage pixels, PhotoMetadata metadata, OutputFormat format, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(Encode(pixels, metadata, format));
    }

    private byte[] EncodeJpeg(RgbImage pixels, PhotoMetadata metadata)
    {
        using var image = PixelConversion.ToRgb24(pixels);
        metadata.ApplyTo(image.Metadata, pixels.Width, pixels.Height, includeIcc: true);
        // Full-resolution chroma: restoration sharpens colour edges that 4:2:0 subsampling would blur again.
        var encoder = new JpegEncoder { Quality = _options.JpegQuality, ColorType = JpegColorType.YCbCrRatio444 };
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    private static byte[] EncodePng(RgbImage pixels, PhotoMetadata metadata, bool sixteenBit)
    {
        using Image image = sixteenBit ? PixelConversion.ToRgb48(pixels) : PixelConversion.ToRgb24(pixels);
        // ImageSharp 2.1 writes no iCCP chunk, so the profile is inserted after encoding.
        metadata.ApplyTo(image.Metadata, pixels.Width, pixels.Height, includeIcc: false);
        var encoder = new PngEncoder
        {
            ColorType = PngColorType.Rgb,
            BitDepth = sixteenBit ? PngBitDepth.Bit16 : PngBitDepth.Bit8,
        };
        using var output = new MemoryStream();
        image.Save(output, encoder);
        var png = output.ToArray();
        return metadata.Icc is { } icc ? PngIccChunk.Insert(png, icc.ToByteArray()) : png;
    }
}
