using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class FormatSnifferTests
{
    public static TheoryData<byte[], ImageFormatKind> Signatures => new()
    {
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], ImageFormatKind.Jpeg },
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], ImageFormatKind.Png },
        { [.. "GIF87a"u8, 0, 0], ImageFormatKind.Gif },
        { [.. "GIF89a"u8, 0, 0], ImageFormatKind.Gif },
        { [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0], ImageFormatKind.Tiff },
        { [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8], ImageFormatKind.Tiff },
        { [.. "RIFF"u8, 100, 0, 0, 0, .. "WEBPVP8 "u8], ImageFormatKind.Webp },
        { [.. "BM"u8, 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0], ImageFormatKind.Bmp },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Recognises_each_format_from_its_first_bytes(byte[] start, ImageFormatKind expected)
    {
        Assert.Equal(expected, FormatSniffer.Detect(start));
    }

    [Fact]
    public void A_riff_file_that_is_not_webp_is_not_an_image()
    {
        byte[] wave = [.. "RIFF"u8, 100, 0, 0, 0, .. "WAVEfmt "u8];

        Assert.Equal(ImageRejectionReason.NotAnImage, Assert.Throws<ImageRejectedException>(() => FormatSniffer.Detect(wave)).Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0x0A, 0, 0 }, "JPEG XL")]
    [InlineData(new byte[] { 0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A }, "JPEG 2000")]
    [InlineData(new byte[] { 0x38, 0x42, 0x50, 0x53, 0, 1 }, "Photoshop")]
    public void Names_known_formats_it_cannot_read(byte[] start, string name)
    {
        var error = Assert.Throws<ImageRejectedException>(() => FormatSniffer.Detect(start));

        Assert.Equal(ImageRejectionReason.Unsupported, error.Reason);
        Assert.StartsWith(name, error.Message, StringComparison.Ordinal);
    }
}
