namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// Which format a restored photo is written in: the same family as the original where that is sensible. A JPEG
/// stays a JPEG (re-encoding a lossy original losslessly only inflates it); everything else becomes PNG, since
/// writing TIFF, WebP, BMP or GIF back would add nothing and GIF would lose colours.
/// </summary>
public static class OutputFormatPolicy
{
    public static OutputFormat Choose(ImageFormatKind source, int sourceBitsPerChannel, OutputFormat? requested = null)
    {
        if (requested is { } chosen)
        {
            return chosen;
        }
        if (source == ImageFormatKind.Jpeg)
        {
            return OutputFormat.Jpeg;
        }
        return sourceBitsPerChannel > 8 ? OutputFormat.Png16 : OutputFormat.Png;
    }

    /// <summary>The usual file extension, with its dot.</summary>
    public static string Extension(OutputFormat format) => format == OutputFormat.Jpeg ? ".jpg" : ".png";

    public static string ContentType(OutputFormat format) => format == OutputFormat.Jpeg ? "image/jpeg" : "image/png";
}
