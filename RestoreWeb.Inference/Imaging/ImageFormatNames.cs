namespace RestoreWeb.Inference.Imaging;

public static class ImageFormatNames
{
    /// <summary>The name people know the format by, for messages.</summary>
    public static string DisplayName(this ImageFormatKind format) => format switch
    {
        ImageFormatKind.Jpeg => "JPEG",
        ImageFormatKind.Png => "PNG",
        ImageFormatKind.Tiff => "TIFF",
        ImageFormatKind.Webp => "WebP",
        ImageFormatKind.Bmp => "BMP",
        ImageFormatKind.Gif => "GIF",
        _ => format.ToString(),
    };
}
