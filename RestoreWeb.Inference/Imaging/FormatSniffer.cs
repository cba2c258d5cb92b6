using System.Buffers.Binary;

namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// Recognises the format from the first bytes of the content. File names and declared MIME types are chosen by
/// whoever sends the file and are ignored: a PNG called "photo.jpg" is a PNG.
/// </summary>
public static class FormatSniffer
{
    private static readonly byte[] JpegStart = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Gif87 = "GIF87a"u8.ToArray();
    private static readonly byte[] Gif89 = "GIF89a"u8.ToArray();
    private static readonly byte[] TiffLittle = [(byte)'I', (byte)'I', 42, 0];
    private static readonly byte[] TiffBig = [(byte)'M', (byte)'M', 0, 42];
    private static readonly byte[] BigTiffLittle = [(byte)'I', (byte)'I', 43, 0];
    private static readonly byte[] BigTiffBig = [(byte)'M', (byte)'M', 0, 43];
    private static readonly byte[] JpegXlBox = [0, 0, 0, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' ', 0x0D, 0x0A, 0x87, 0x0A];
    private static readonly byte[] JpegXlCodestream = [0xFF, 0x0A];
    private static readonly byte[] Jpeg2000Box = [0, 0, 0, 0x0C, (byte)'j', (byte)'P', (byte)' ', (byte)' ', 0x0D, 0x0A, 0x87, 0x0A];
    private static readonly byte[] Jpeg2000Codestream = [0xFF, 0x4F, 0xFF, 0x51];

    // BITMAPCOREHEADER, BITMAPINFOHEADER, OS/2 2.x (16 and 64), V2, V3, V4, V5: a "BM" text file fails this.
    private static readonly int[] BmpInfoHeaderSizes = [12, 16, 40, 52, 56, 64, 108, 124];

    private static readonly string[] HeifBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1", "mif2"];
    private static readonly string[] AvifBrands = ["avif", "avis"];

    /// <summary>The format of <paramref name="data"/>, or an <see cref="ImageRejectedException"/> saying why there is none.</summary>
    public static ImageFormatKind Detect(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new ImageRejectedException(ImageRejectionReason.Empty, "The file is empty (0 bytes). Choose the photo again and upload it once more.");
        }

        if (data.StartsWith(JpegStart))
        {
            return ImageFormatKind.Jpeg;
        }
        if (data.StartsWith(PngSignature))
        {
            return ImageFormatKind.Png;
        }
        if (data.StartsWith(Gif87) || data.StartsWith(Gif89))
        {
            return ImageFormatKind.Gif;
        }
        if (data.StartsWith(TiffLittle) || data.StartsWith(TiffBig))
        {
            return ImageFormatKind.Tiff;
        }
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormatKind.Webp;
        }
        if (LooksLikeBmp(data))
        {
            return ImageFormatKind.Bmp;
        }

        RejectKnownUnsupported(data);

        if (IsStartOfSignature(data))
        {
            throw new ImageRejectedException(ImageRejectionReason.Truncated,
                $"The file is only {data.Length} bytes long and ends inside the image's header. Upload the original file again.");
        }
        throw new ImageRejectedException(ImageRejectionReason.NotAnImage,
            "The file is not an image in a format RestoreWeb reads (JPEG, PNG, TIFF, WebP, BMP or GIF), whatever its name says.");
    }

    private static bool LooksLikeBmp(ReadOnlySpan<byte> data) =>
        data.Length >= 18 && data[0] == (byte)'B' && data[1] == (byte)'M'
        && Array.IndexOf(BmpInfoHeaderSizes, BinaryPrimitives.ReadInt32LittleEndian(data[14..])) >= 0;

    private static void RejectKnownUnsupported(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            string? family = IsoMediaFamily(data);
            if (family == "HEIC")
            {
                throw Unsupported("HEIC is not supported yet. Convert the photo to JPEG or PNG (on an iPhone, Settings › Camera › Formats › Most Compatible takes new photos as JPEG) and upload it again.");
            }
            if (family == "AVIF")
            {
                throw Unsupported("AVIF is not supported yet. Convert the photo to JPEG or PNG and upload it again.");
            }
        }
        if (data.StartsWith(BigTiffLittle) || data.StartsWith(BigTiffBig))
        {
            throw Unsupported("BigTIFF files are not supported. Save the scan as a regular TIFF, PNG or JPEG and upload it again.");
        }
        if (data.StartsWith(JpegXlBox) || data.StartsWith(JpegXlCodestream))
        {
            throw Unsupported("JPEG XL is not supported yet. Convert the photo to JPEG or PNG and upload it again.");
        }
        if (data.StartsWith(Jpeg2000Box) || data.StartsWith(Jpeg2000Codestream))
        {
            throw Unsupported("JPEG 2000 is not supported. Convert the photo to JPEG, PNG or TIFF and upload it again.");
        }
        if (data.StartsWith("8BPS"u8))
        {
            throw Unsupported("Photoshop documents are not supported. Export the picture as JPEG, PNG or TIFF and upload it again.");
        }
    }

    /// <summary>"HEIC", "AVIF" or null, from the major brand and, for the generic "mif1"/"msf1", the compatible brands.</summary>
    private static string? IsoMediaFamily(ReadOnlySpan<byte> data)
    {
        string major = Brand(data[8..12]);
        if (Array.IndexOf(AvifBrands, major) >= 0)
        {
            return "AVIF";
        }
        if (Array.IndexOf(HeifBrands, major) < 0)
        {
            return null;
        }

        // AVIF files often declare the generic HEIF brand first and "avif" among the compatible ones.
        long boxSize = BinaryPrimitives.ReadUInt32BigEndian(data);
        int end = (int)Math.Min(Math.Max(boxSize, 16), data.Length);
        for (int offset = 16; offset + 4 <= end; offset += 4)
        {
            if (Array.IndexOf(AvifBrands, Brand(data[offset..(offset + 4)])) >= 0)
            {
                return "AVIF";
            }
        }
        return "HEIC";
    }

    private static string Brand(ReadOnlySpan<byte> fourBytes) => System.Text.Encoding.ASCII.GetString(fourBytes);

    /// <summary>True when the whole file is a proper prefix of a signature we read: a file cut off after a few bytes.</summary>
    private static bool IsStartOfSignature(ReadOnlySpan<byte> data)
    {
        foreach (var signature in new[] { JpegStart, PngSignature, Gif87, Gif89, TiffLittle, TiffBig })
        {
            // One byte ("G", "I") says too little to call a text file a cut-off image.
            if (data.Length >= 2 && data.Length < signature.Length && signature.AsSpan().StartsWith(data))
            {
                return true;
            }
        }
        return false;
    }

    private static ImageRejectedException Unsupported(string message) => new(ImageRejectionReason.Unsupported, message);
}
