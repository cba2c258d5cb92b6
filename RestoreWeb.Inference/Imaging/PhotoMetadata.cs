using RestoreWeb.Inference.Imaging.Containers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;

namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// The original photo's EXIF, ICC profile and XMP, kept so that the restored file carries the family's dates,
/// captions and camera details, and is shown in the same colours (pixels are never colour-converted, so the
/// original's profile still describes them).
/// </summary>
public sealed class PhotoMetadata
{
    public PhotoMetadata(ExifProfile? exif, IccProfile? icc, XmpProfile? xmp)
    {
        Exif = exif;
        Icc = icc;
        Xmp = xmp;
    }

    public static PhotoMetadata None { get; } = new(null, null, null);

    public ExifProfile? Exif { get; }

    /// <summary>Only RGB profiles are kept: a CMYK or grey profile would mis-describe the RGB pixels we write.</summary>
    public IccProfile? Icc { get; }

    public XmpProfile? Xmp { get; }

    /// <summary>Copies the profiles of a freshly decoded image (before it is turned upright).</summary>
    internal static PhotoMetadata Capture(Image image, ImageFormatKind format, ReadOnlySpan<byte> file)
    {
        // TIFF keeps its tags, profile and XMP per page, and ImageSharp follows that.
        var frame = image.Frames.RootFrame.Metadata;
        var exif = image.Metadata.ExifProfile ?? frame.ExifProfile;
        var icc = image.Metadata.IccProfile ?? frame.IccProfile;
        var xmp = image.Metadata.XmpProfile ?? frame.XmpProfile;

        if (icc is null && format == ImageFormatKind.Png && PngIccChunk.Read(file) is { } pngProfile)
        {
            icc = new IccProfile(pngProfile);
        }

        return new PhotoMetadata(exif?.DeepClone(), UsableRgbProfile(icc)?.DeepClone(), xmp?.DeepClone());
    }

    /// <summary>
    /// Attaches copies of the profiles to an image about to be encoded at <paramref name="width"/>×<paramref name="height"/>,
    /// with the orientation reset to upright (the pixels already are) and the stated dimensions corrected.
    /// </summary>
    internal void ApplyTo(ImageMetadata target, int width, int height, bool includeIcc)
    {
        target.ExifProfile = Exif is null ? null : ExifRewrite.ForRestoredImage(Exif, width, height);
        target.XmpProfile = Xmp is null ? null : XmpRewrite.ForRestoredImage(Xmp, width, height);
        target.IccProfile = includeIcc ? Icc?.DeepClone() : null;
    }

    private static IccProfile? UsableRgbProfile(IccProfile? icc)
    {
        if (icc is null)
        {
            return null;
        }
        try
        {
            return icc.CheckIsValid() && icc.Header.DataColorSpace == IccColorSpaceType.Rgb ? icc : null;
        }
        catch (Exception e) when (e is InvalidIccProfileException || DecodeFailures.IsDecodeFailure(e))
        {
            // An unreadable profile is dropped; the photo itself is still fine.
            return null;
        }
    }
}
