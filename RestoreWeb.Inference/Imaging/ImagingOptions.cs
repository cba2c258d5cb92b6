namespace RestoreWeb.Inference.Imaging;

/// <summary>Limits applied before decoding, and encoder settings (configuration section "Inference:Imaging").</summary>
public sealed class ImagingOptions
{
    public const string SectionName = "Inference:Imaging";

    /// <summary>Largest accepted file; a 50 MP 16-bit uncompressed TIFF scan is about 300 MB.</summary>
    public long MaxBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest accepted width × height. Decoding and restoration memory grow with it, so it is checked from the header.</summary>
    public long MaxPixels { get; set; } = 50_000_000;

    public int MaxWidth { get; set; } = 30_000;

    public int MaxHeight { get; set; } = 30_000;

    /// <summary>Smallest accepted width and height; below this the networks have nothing to work with.</summary>
    public int MinSide { get; set; } = 16;

    /// <summary>JPEG quality of restored photos, 1–100.</summary>
    public int JpegQuality { get; set; } = 95;

    internal void Validate()
    {
        if (MaxBytes <= 0 || MaxPixels <= 0 || MaxWidth <= 0 || MaxHeight <= 0 || MinSide <= 0)
        {
            throw new InvalidOperationException("Imaging limits (MaxBytes, MaxPixels, MaxWidth, MaxHeight, MinSide) must be positive.");
        }
        if (JpegQuality is < 1 or > 100)
        {
            throw new InvalidOperationException($"Imaging JpegQuality must be between 1 and 100; it is {JpegQuality}.");
        }
    }
}
