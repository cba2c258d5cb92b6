namespace RestoreWeb.Inference.Imaging.Containers;

/// <summary>
/// Checks that a file is structurally complete before it is decoded. Some ImageSharp 2.1 decoders (JPEG, BMP,
/// GIF, lossy WebP) return an image with a grey or black lower part for a cut-off file instead of failing;
/// restoring that would waste minutes and hand back a broken photo.
/// </summary>
internal static class ContainerCheck
{
    public static ContainerState Check(ImageFormatKind format, ReadOnlySpan<byte> data) => format switch
    {
        ImageFormatKind.Jpeg => JpegStructure.Check(data),
        ImageFormatKind.Png => PngStructure.Check(data),
        ImageFormatKind.Gif => GifStructure.Check(data),
        ImageFormatKind.Tiff => TiffStructure.Check(data),
        ImageFormatKind.Webp => WebpStructure.Check(data),
        ImageFormatKind.Bmp => BmpStructure.Check(data),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format."),
    };
}
