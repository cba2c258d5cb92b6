using System.Globalization;

namespace RestoreWeb.Inference.Imaging;

/// <summary>The user-facing wording of each rejection, in one place so that messages stay consistent.</summary>
internal static class ImageRejections
{
    /// <param name="bytes">The file's size, or null when it was streamed and reading stopped at the limit.</param>
    public static ImageRejectedException FileTooLarge(long? bytes, long limit) => new(ImageRejectionReason.FileTooLarge,
        (bytes is { } size ? $"The file is {Size(size)}; the limit is {Size(limit)}." : $"The file is larger than the limit of {Size(limit)}.")
        + " Upload a smaller scan or a JPEG version of it.");

    public static ImageRejectedException TooManyPixels(int width, int height, long limit) => new(ImageRejectionReason.TooManyPixels,
        $"The image is {width}×{height} pixels ({Megapixels((long)width * height)} MP); the limit is {Megapixels(limit)} MP. "
        + "Scan at a lower resolution or reduce the image size and upload it again.");

    public static ImageRejectedException DimensionTooLarge(int width, int height, int maxWidth, int maxHeight) => new(ImageRejectionReason.DimensionTooLarge,
        $"The image is {width}×{height} pixels; the limit is {maxWidth} pixels wide and {maxHeight} pixels high. "
        + "Reduce the image size and upload it again.");

    public static ImageRejectedException TooSmall(int width, int height, int minSide) => new(ImageRejectionReason.TooSmall,
        $"The image is only {width}×{height} pixels; RestoreWeb needs at least {minSide} pixels on each side. Upload a larger scan of the photo.");

    public static ImageRejectedException Truncated(ImageFormatKind format, Exception? cause = null)
    {
        string message = $"The {format.DisplayName()} file is incomplete: it ends before the image does, as happens when an upload "
            + "or a copy is interrupted. Upload the original file again.";
        return cause is null ? new(ImageRejectionReason.Truncated, message) : new(ImageRejectionReason.Truncated, message, cause);
    }

    public static ImageRejectedException Corrupt(ImageFormatKind format, Exception? cause = null)
    {
        string message = $"The {format.DisplayName()} file is damaged and cannot be read. If you have another copy of the photo, upload that one.";
        return cause is null ? new(ImageRejectionReason.Corrupt, message) : new(ImageRejectionReason.Corrupt, message, cause);
    }

    public static ImageRejectedException UnsupportedVariant(ImageFormatKind format, Exception cause) => new(ImageRejectionReason.Unsupported,
        $"This {format.DisplayName()} file uses a feature RestoreWeb cannot read ({cause.Message.TrimEnd('.')}). "
        + "Save the photo again as an ordinary JPEG or PNG and upload that.", cause);

    /// <summary>Megapixels, with more decimals below one so that small configured limits do not read as "0 MP".</summary>
    private static string Megapixels(long pixels)
    {
        double megapixels = pixels / 1_000_000d;
        return megapixels.ToString(megapixels < 1 ? "0.###" : "0.#", CultureInfo.InvariantCulture);
    }

    private static string Size(long bytes) => bytes < 1024 * 1024
        ? (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " kB"
        : (bytes / (1024d * 1024d)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
}
