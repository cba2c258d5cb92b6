using RestoreWeb.Inference.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class PhotoEncoderTests
{
    [Fact]
    public void Png_output_holds_every_8_bit_value_exactly()
    {
        var pixels = new RgbImage(16, 16);
        for (int i = 0; i < pixels.PlaneLength; i++)
        {
            pixels.Data[i] = i / 255f;
            pixels.Data[pixels.PlaneLength + i] = (255 - i) / 255f;
            pixels.Data[(2 * pixels.PlaneLength) + i] = (i * 7 % 256) / 255f;
        }

        var png = new PhotoEncoder(TestImages.DefaultOptions).Encode(pixels, PhotoMetadata.None, OutputFormat.Png);

        using var written = Image.Load<Rgb24>(png);
        for (int i = 0; i < pixels.PlaneLength; i++)
        {
            Assert.Equal(new Rgb24((byte)i, (byte)(255 - i), (byte)(i * 7 % 256)), written[i % 16, i / 16]);
        }
    }

    [Fact]
    public void Sixteen_bit_png_output_keeps_16_bit_values()
    {
        var pixels = new RgbImage(16, 16);
        pixels[0, 0, 0] = 40001 / 65535f;
        pixels[1, 0, 0] = 40002 / 65535f;

        var png = new PhotoEncoder(TestImages.DefaultOptions).Encode(pixels, PhotoMetadata.None, OutputFormat.Png16);

        using var written = Image.Load<Rgb48>(png);
        Assert.Equal(new Rgb48(40001, 40002, 0), written[0, 0]);
    }

    [Fact]
    public void Values_outside_the_unit_range_are_clipped()
    {
        var pixels = new RgbImage(16, 16);
        pixels[0, 0, 0] = -0.25f;
        pixels[1, 0, 0] = 1.5f;
        pixels[2, 0, 0] = float.NaN;

        var png = new PhotoEncoder(TestImages.DefaultOptions).Encode(pixels, PhotoMetadata.None, OutputFormat.Png);

        using var written = Image.Load<Rgb24>(png);
        Assert.Equal(new Rgb24(0, 255, 0), written[0, 0]);
    }

    [Fact]
    public void Jpeg_quality_is_configurable()
    {
        using var source = TestImages.Gradient(96, 64);
        var pixels = new PhotoDecoder(TestImages.DefaultOptions).Decode(TestImages.Encode(source, new SixLabors.ImageSharp.Formats.Png.PngEncoder())).Pixels;

        var high = new PhotoEncoder(TestImages.DefaultOptions).Encode(pixels, PhotoMetadata.None, OutputFormat.Jpeg);
        var low = new PhotoEncoder(new ImagingOptions { JpegQuality = 30 }).Encode(pixels, PhotoMetadata.None, OutputFormat.Jpeg);

        Assert.Equal(95, TestImages.DefaultOptions.JpegQuality);
        Assert.True(low.Length < high.Length, $"quality 30 gave {low.Length} bytes, quality 95 {high.Length}");
        var decodedHigh = new PhotoDecoder(TestImages.DefaultOptions).Decode(high).Pixels;
        Assert.InRange(TestImages.MeanError255(decodedHigh, source), 0, 1.5);
    }

    [Fact]
    public void Encoding_to_a_stream_writes_the_same_file()
    {
        var pixels = new RgbImage(16, 16);
        pixels.Plane(1).Fill(0.5f);
        var encoder = new PhotoEncoder(TestImages.DefaultOptions);
        using var stream = new MemoryStream();

        encoder.Encode(pixels, PhotoMetadata.None, OutputFormat.Png, stream);

        Assert.Equal(encoder.Encode(pixels, PhotoMetadata.None, OutputFormat.Png), stream.ToArray());
    }
}
