namespace RestoreWeb.Inference.Imaging;

/// <summary>The file formats restored photos are written in.</summary>
public enum OutputFormat
{
    /// <summary>JPEG at <see cref="ImagingOptions.JpegQuality"/>, for photos that arrived as JPEG.</summary>
    Jpeg,

    /// <summary>8-bit lossless PNG.</summary>
    Png,

    /// <summary>16-bit lossless PNG, for sources with more than 8 bits per sample (16-bit PNG or TIFF scans).</summary>
    Png16,
}
