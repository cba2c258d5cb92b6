namespace RestoreWeb.Inference.Imaging;

/// <summary>A decoded, upright photo with what is needed to write its restored version.</summary>
public sealed class DecodedPhoto
{
    internal DecodedPhoto(RgbImage pixels, PhotoMetadata metadata, ImageProbe source, int sourceBitsPerChannel)
    {
        Pixels = pixels;
        Metadata = metadata;
        Source = source;
        SourceBitsPerChannel = sourceBitsPerChannel;
    }

    /// <summary>Upright (EXIF orientation applied), alpha composited over white, values in [0, 1].</summary>
    public RgbImage Pixels { get; }

    public PhotoMetadata Metadata { get; }

    /// <summary>The original's format and header dimensions (as stored, before orientation).</summary>
    public ImageProbe Source { get; }

    /// <summary>8, or 16 where the decoder kept 16-bit samples.</summary>
    public int SourceBitsPerChannel { get; }

    /// <summary>The output format <see cref="OutputFormatPolicy"/> picks for this photo unless told otherwise.</summary>
    public OutputFormat DefaultOutputFormat => OutputFormatPolicy.Choose(Source.Format, SourceBitsPerChannel);
}
