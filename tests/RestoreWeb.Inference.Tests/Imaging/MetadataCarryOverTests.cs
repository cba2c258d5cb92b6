using System.Text;
using RestoreWeb.Inference.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class MetadataCarryOverTests
{
    private const string Taken = "1962:07:14 10:30:00";
    private const string Xmp =
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\" "
        + "xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" tiff:Orientation=\"6\" exif:PixelXDimension=\"64\">"
        + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Wedding at Aunt Rosa's</rdf:li></rdf:Alt></dc:title>"
        + "<tiff:ImageWidth>64</tiff:ImageWidth>"
        + "</rdf:Description></rdf:RDF></x:xmpmeta>";

    private readonly ImagingOptions _options = TestImages.DefaultOptions;

    [Fact]
    public void A_jpeg_round_trip_keeps_exif_icc_and_xmp_and_resets_the_orientation()
    {
        var icc = IccTestProfiles.Create("RGB", "RestoreWeb test profile");
        var original = Original(icc, new JpegEncoder { Quality = 95 });
        var photo = new PhotoDecoder(_options).Decode(original);
        // The stored 64×48 image is turned by orientation 6, so the restored image is 48×64.
        Assert.Equal((48, 64), (photo.Pixels.Width, photo.Pixels.Height));

        var restored = new PhotoEncoder(_options).Encode(photo.Pixels, photo.Metadata, photo.DefaultOutputFormat);

        Assert.Equal(OutputFormat.Jpeg, photo.DefaultOutputFormat);
        using var written = Image.Load<Rgb24>(restored);
        Assert.Equal((48, 64), (written.Width, written.Height));
        var exif = written.Metadata.ExifProfile;
        Assert.NotNull(exif);
        Assert.Equal("Kodak", exif.GetValue(ExifTag.Make)?.Value);
        Assert.Equal(Taken, exif.GetValue(ExifTag.DateTimeOriginal)?.Value);
        Assert.Equal((ushort)1, exif.GetValue(ExifTag.Orientation)?.Value);
        Assert.Equal(48u, (uint)exif.GetValue(ExifTag.PixelXDimension)!.Value);
        Assert.Equal(64u, (uint)exif.GetValue(ExifTag.PixelYDimension)!.Value);
        Assert.Equal(icc, written.Metadata.IccProfile?.ToByteArray());
        string xmp = XmpText(written.Metadata.XmpProfile);
        Assert.Contains("Wedding at Aunt Rosa's", xmp, StringComparison.Ordinal);
        Assert.Contains("tiff:Orientation=\"1\"", xmp, StringComparison.Ordinal);
        Assert.Contains("exif:PixelXDimension=\"48\"", xmp, StringComparison.Ordinal);
        Assert.Contains("<tiff:ImageWidth>48</tiff:ImageWidth>", xmp, StringComparison.Ordinal);
        Assert.DoesNotContain("Orientation=\"6\"", xmp, StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_output_carries_the_icc_profile_in_an_iccp_chunk()
    {
        var icc = IccTestProfiles.Create("RGB", "Scanner profile");
        var original = Original(icc, new JpegEncoder { Quality = 95 });
        var photo = new PhotoDecoder(_options).Decode(original);

        var png = new PhotoEncoder(_options).Encode(photo.Pixels, photo.Metadata, OutputFormat.Png);

        // Checked with an independent chunk reader: iCCP right after IHDR, before the pixels, with a valid CRC.
        var chunks = PngChunkTestTools.Chunks(png);
        Assert.Equal(["IHDR", "iCCP"], chunks.Take(2).Select(c => c.Type));
        Assert.All(chunks, c => Assert.True(c.CrcValid, $"{c.Type} CRC"));
        Assert.True(chunks.FindIndex(c => c.Type == "iCCP") < chunks.FindIndex(c => c.Type == "IDAT"));
        // And read back: the profile, the EXIF and the XMP survive a PNG round trip too.
        var again = new PhotoDecoder(_options).Decode(png);
        Assert.Equal(icc, again.Metadata.Icc?.ToByteArray());
        Assert.Equal("Kodak", again.Metadata.Exif?.GetValue(ExifTag.Make)?.Value);
        Assert.Equal(1, again.Source.Orientation);
        Assert.Contains("Wedding at Aunt Rosa's", XmpText(again.Metadata.Xmp), StringComparison.Ordinal);
        Assert.Equal((48, 64), (again.Pixels.Width, again.Pixels.Height));
    }

    [Fact]
    public void A_png_source_profile_is_read_from_its_iccp_chunk()
    {
        var icc = IccTestProfiles.Create("RGB", "PNG source profile");
        using var source = TestImages.Gradient(32, 32);
        var plain = TestImages.Encode(source, new PngEncoder());
        // Built here, not by the encoder under test: profile name, NUL, compression method 0, zlib stream.
        using var body = new MemoryStream();
        body.Write("Scanner RGB\0\0"u8);
        using (var zlib = new System.IO.Compression.ZLibStream(body, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(icc);
        }
        var withProfile = PngChunkTestTools.InsertAfterHeader(plain, "iCCP", body.ToArray());

        var photo = new PhotoDecoder(_options).Decode(withProfile);

        Assert.Equal(icc, photo.Metadata.Icc?.ToByteArray());
        Assert.Equal(0, TestImages.MaxError255(photo.Pixels, source), 3);
    }

    [Fact]
    public void A_non_rgb_profile_is_dropped_because_it_would_misdescribe_rgb_pixels()
    {
        var cmykProfile = IccTestProfiles.Create("CMYK", "Press profile");
        var original = Original(cmykProfile, new JpegEncoder { Quality = 95 });

        var photo = new PhotoDecoder(_options).Decode(original);

        Assert.Null(photo.Metadata.Icc);
        Assert.NotNull(photo.Metadata.Exif);
    }

    [Fact]
    public void Storage_tags_of_the_original_are_not_copied()
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "Epson");
        exif.SetValue(ExifTag.StripOffsets, [new Number(8u)]);
        exif.SetValue(ExifTag.Compression, (ushort)5);
        exif.SetValue(ExifTag.ImageWidth, new Number(1000u));
        var photoMetadata = new PhotoMetadata(exif, null, null);
        var pixels = new RgbImage(20, 30);

        var jpeg = new PhotoEncoder(_options).Encode(pixels, photoMetadata, OutputFormat.Jpeg);

        using var written = Image.Load<Rgb24>(jpeg);
        var writtenExif = written.Metadata.ExifProfile!;
        Assert.Equal("Epson", writtenExif.GetValue(ExifTag.Make)?.Value);
        Assert.Null(writtenExif.GetValue(ExifTag.StripOffsets));
        Assert.Null(writtenExif.GetValue(ExifTag.Compression));
        Assert.Equal(20u, (uint)writtenExif.GetValue(ExifTag.ImageWidth)!.Value);
        // The caller's metadata object is not changed by encoding.
        Assert.Equal(1000u, (uint)exif.GetValue(ExifTag.ImageWidth)!.Value);
    }

    [Fact]
    public void A_photo_without_metadata_is_written_without_any()
    {
        using var source = TestImages.Gradient(32, 32);
        var photo = new PhotoDecoder(_options).Decode(TestImages.Encode(source, new PngEncoder()));

        var png = new PhotoEncoder(_options).Encode(photo.Pixels, photo.Metadata, OutputFormat.Png);

        Assert.Null(photo.Metadata.Exif);
        Assert.Null(photo.Metadata.Icc);
        Assert.Null(photo.Metadata.Xmp);
        Assert.DoesNotContain(PngChunkTestTools.Chunks(png), c => c.Type is "iCCP" or "eXIf" or "iTXt");
    }

    /// <summary>A 64×48 JPEG or PNG stored turned (orientation 6), with camera EXIF, the given ICC profile and XMP.</summary>
    private static byte[] Original(byte[] icc, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using var image = TestImages.Gradient(64, 48);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "Kodak");
        exif.SetValue(ExifTag.Model, "Retina IIIc");
        exif.SetValue(ExifTag.DateTimeOriginal, Taken);
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        exif.SetValue(ExifTag.PixelXDimension, new Number(64u));
        exif.SetValue(ExifTag.PixelYDimension, new Number(48u));
        image.Metadata.ExifProfile = exif;
        image.Metadata.IccProfile = new IccProfile(icc);
        image.Metadata.XmpProfile = new XmpProfile(Encoding.UTF8.GetBytes(Xmp));
        return TestImages.Encode(image, encoder);
    }

    private static string XmpText(XmpProfile? xmp)
    {
        Assert.NotNull(xmp);
        return Encoding.UTF8.GetString(xmp.ToByteArray());
    }
}
