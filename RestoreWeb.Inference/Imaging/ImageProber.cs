using System.Runtime.InteropServices;
using RestoreWeb.Inference.Imaging.Containers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;

namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// Decides whether a file is an acceptable photo from its bytes and header alone. The size limits are checked
/// on the dimensions the header declares, before any pixel buffer exists: a 30 kB file can declare
/// 60000×60000 pixels, which would need 14 GB to decode.
/// </summary>
public sealed class ImageProber
{
    private readonly ImagingOptions _options;

    public ImageProber(ImagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The header facts of an acceptable file; otherwise an <see cref="ImageRejectedException"/>.</summary>
    public ImageProbe Probe(ReadOnlyMemory<byte> data) => ProbeCore(data).Probe;

    internal (ImageProbe Probe, IImageInfo Info) ProbeCore(ReadOnlyMemory<byte> data)
    {
        if (data.Length > _options.MaxBytes)
        {
            throw ImageRejections.FileTooLarge(data.Length, _options.MaxBytes);
        }
        var format = FormatSniffer.Detect(data.Span);
        var container = ContainerCheck.Check(format, data.Span);

        IImageInfo? info;
        try
        {
            using var stream = OpenRead(data);
            info = ImageSharpDecoders.DetectorFor(format).Identify(Configuration.Default, stream, CancellationToken.None);
        }
        catch (Exception e) when (DecodeFailures.IsDecodeFailure(e))
        {
            throw DecodeFailures.ToRejection(format, container, e);
        }
        if (info is null || info.Width <= 0 || info.Height <= 0)
        {
            throw container == ContainerState.Truncated ? ImageRejections.Truncated(format) : ImageRejections.Corrupt(format);
        }

        int orientation = format == ImageFormatKind.Tiff && info.Metadata.ExifProfile is null
            ? TiffStructure.ReadOrientation(data.Span)
            : ExifOrientation.Read(info.Metadata.ExifProfile);
        var probe = new ImageProbe(format, info.Width, info.Height, orientation);
        CheckLimits(probe);
        if (container == ContainerState.Truncated)
        {
            throw ImageRejections.Truncated(format);
        }
        if (container == ContainerState.Malformed)
        {
            throw ImageRejections.Corrupt(format);
        }
        return (probe, info);
    }

    internal static Stream OpenRead(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : PinnedMemoryStream.Open(data);

    private void CheckLimits(ImageProbe probe)
    {
        if (probe.Pixels > _options.MaxPixels)
        {
            throw ImageRejections.TooManyPixels(probe.UprightWidth, probe.UprightHeight, _options.MaxPixels);
        }
        if (probe.UprightWidth > _options.MaxWidth || probe.UprightHeight > _options.MaxHeight)
        {
            throw ImageRejections.DimensionTooLarge(probe.UprightWidth, probe.UprightHeight, _options.MaxWidth, _options.MaxHeight);
        }
        if (probe.Width < _options.MinSide || probe.Height < _options.MinSide)
        {
            throw ImageRejections.TooSmall(probe.UprightWidth, probe.UprightHeight, _options.MinSide);
        }
    }
}
