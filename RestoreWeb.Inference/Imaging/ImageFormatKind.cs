namespace RestoreWeb.Inference.Imaging;

/// <summary>The image formats RestoreWeb decodes, as recognised from the file's content.</summary>
public enum ImageFormatKind
{
    Jpeg,
    Png,
    Tiff,
    Webp,
    Bmp,
    Gif,
}
