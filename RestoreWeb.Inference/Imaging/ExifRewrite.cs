using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace RestoreWeb.Inference.Imaging;

/// <summary>Adapts the original's EXIF to the restored image.</summary>
internal static class ExifRewrite
{
    /// <summary>
    /// Tags that describe how the original file stored its pixels (TIFF strips, compression, the embedded
    /// thumbnail's location). Copied into a new file they would point at data that is not there.
    /// </summary>
    private static readonly ExifTag[] StorageTags =
    [
        ExifTag.BitsPerSample, ExifTag.Compression, ExifTag.PhotometricInterpretation, ExifTag.FillOrder,
        ExifTag.StripOffsets, ExifTag.SamplesPerPixel, ExifTag.RowsPerStrip, ExifTag.StripByteCounts,
        ExifTag.PlanarConfiguration, ExifTag.Predictor, ExifTag.ColorMap, ExifTag.TileWidth, ExifTag.TileLength,
        ExifTag.TileOffsets, ExifTag.TileByteCounts, ExifTag.ExtraSamples, ExifTag.SampleFormat,
        ExifTag.SMinSampleValue, ExifTag.SMaxSampleValue, ExifTag.MinSampleValue, ExifTag.MaxSampleValue,
        ExifTag.JPEGTables, ExifTag.JPEGInterchangeFormat, ExifTag.JPEGInterchangeFormatLength, ExifTag.JPEGProc,
        ExifTag.JPEGRestartInterval, ExifTag.JPEGQTables, ExifTag.JPEGDCTables, ExifTag.JPEGACTables,
        ExifTag.YCbCrCoefficients, ExifTag.YCbCrSubsampling, ExifTag.YCbCrPositioning, ExifTag.ReferenceBlackWhite,
        ExifTag.T4Options, ExifTag.T6Options, ExifTag.SubIFDs, ExifTag.SubfileType, ExifTag.OldSubfileType,
        ExifTag.FreeOffsets, ExifTag.FreeByteCounts, ExifTag.StripRowCounts, ExifTag.ImageLayer,
        // Profiles travel as profiles; TIFF also lists them as tags.
        ExifTag.IccProfile, ExifTag.XMP, ExifTag.IPTC,
    ];

    public static ExifProfile ForRestoredImage(ExifProfile original, int width, int height)
    {
        var exif = original.DeepClone();
        foreach (var tag in StorageTags)
        {
            exif.RemoveValue(tag);
        }
        exif.SetValue(ExifTag.Orientation, ExifOrientation.Upright);
        exif.SetValue(ExifTag.PixelXDimension, new Number((uint)width));
        exif.SetValue(ExifTag.PixelYDimension, new Number((uint)height));
        // ImageWidth/ImageLength belong to TIFF's main directory; some cameras also write them into JPEG EXIF.
        if (exif.GetValue(ExifTag.ImageWidth) is not null)
        {
            exif.SetValue(ExifTag.ImageWidth, new Number((uint)width));
        }
        if (exif.GetValue(ExifTag.ImageLength) is not null)
        {
            exif.SetValue(ExifTag.ImageLength, new Number((uint)height));
        }
        return exif;
    }
}
