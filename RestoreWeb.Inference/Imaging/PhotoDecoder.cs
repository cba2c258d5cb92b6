using RestoreWeb.Inference.Imaging.Containers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// Turns an uploaded file into the pipeline's input: probe (refusing bad or oversized files before any pixel
/// buffer exists), decode the first frame, capture metadata, turn upright, and convert to planar RGB floats.
/// </summary>
public sealed class PhotoDecoder
{
    private readonly ImagingOptions _options;
    private readonly ImageProber _prober;

    public PhotoDecoder(ImagingOptions options)
    {
        _prober = new ImageProber(options);
        _options = options;
    }

    /// <summary>Validates without decoding; see <see cref="ImageProber.Probe"/>.</summary>
    public ImageProbe Probe(ReadOnlyMemory<byte> data) => _prober.Probe(data);

    public DecodedPhoto Decode(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var (probe, info) = _prober.ProbeCore(data);
        var decoder = ImageSharpDecoders.For(probe.Format);

        Image image;
        try
        {
            using var stream = ImageProber.OpenRead(data);
            image = NeedsSixteenBitRequest(probe.Format, info)
                ? decoder.Decode<Rgba64>(Configuration.Default, stream, cancellationToken)
                : decoder.Decode(Configuration.Default, stream, cancellationToken);
        }
        catch (Exception e) when (DecodeFailures.IsDecodeFailure(e))
        {
            // The container walk found the file complete (the probe checked), so a failure here is damage inside it.
            throw DecodeFailures.ToRejection(probe.Format, ContainerState.Complete, e);
        }

        using (image)
        {
            var metadata = PhotoMetadata.Capture(image, probe.Format, data.Span);
            TurnUpright(image);
            return new DecodedPhoto(PixelConversion.ToRgb(image), metadata, probe, PixelConversion.BitsPerChannel(image));
        }
    }

    /// <summary>Reads at most <see cref="ImagingOptions.MaxBytes"/> from <paramref name="stream"/>, then decodes.</summary>
    public DecodedPhoto Decode(Stream stream, CancellationToken cancellationToken = default) =>
        Decode(BoundedRead.ReadAll(stream, _options.MaxBytes, cancellationToken), cancellationToken);

    /// <summary>
    /// ImageSharp 2.1's TIFF decoder hands back 8-bit pixels unless a 16-bit pixel type is requested. 16 bits
    /// per pixel is a 16-bit grey scan there (it cannot read 8-bit grey with alpha), 48 and 64 are 16-bit colour.
    /// PNG needs no help: its decoder already picks a 16-bit type for 16-bit files.
    /// </summary>
    private static bool NeedsSixteenBitRequest(ImageFormatKind format, IImageInfo info) =>
        format == ImageFormatKind.Tiff && info.PixelType.BitsPerPixel is 16 or 48 or 64;

    private static void TurnUpright(Image image)
    {
        // ImageSharp's AutoOrient reads only the image-level EXIF; a TIFF keeps the tag in its page's directory.
        int pageOrientation = ExifOrientation.Read(image.Frames.RootFrame.Metadata.ExifProfile);
        if (image.Metadata.ExifProfile is null && pageOrientation != ExifOrientation.Upright)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)pageOrientation);
        }
        if (ExifOrientation.Read(image.Metadata.ExifProfile) != ExifOrientation.Upright)
        {
            image.Mutate(context => context.AutoOrient());
        }
    }
}
