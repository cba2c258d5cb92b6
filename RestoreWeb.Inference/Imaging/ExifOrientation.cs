using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace RestoreWeb.Inference.Imaging;

/// <summary>The EXIF orientation tag (1 = upright, 2–8 = mirrored and/or turned), as ImageSharp exposes it.</summary>
internal static class ExifOrientation
{
    public const ushort Upright = 1;

    /// <summary>The orientation in <paramref name="profile"/>; values outside 1–8 are treated as upright, as viewers do.</summary>
    public static int Read(ExifProfile? profile)
    {
        var value = profile?.GetValue(ExifTag.Orientation);
        return value is { Value: >= 1 and <= 8 } ? value.Value : Upright;
    }
}
