using RestoreWeb.Inference.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class FormatDecodingTests
{
    private readonly PhotoDecoder _decoder = new(TestImages.DefaultOptions);

    public static TheoryData<string, ImageFormatKind, double, double> LosslessAndLossy => new()
    {
        // format, expected kind, max error and mean error allowed (in 1/255)
        { "png", ImageFormatKind.Png, 0.01, 0.01 },
        { "bmp", ImageFormatKind.Bmp, 0.01, 0.01 },
        { "tiff", ImageFormatKind.Tiff, 0.01, 0.01 },
        { "webp-lossless", ImageFormatKind.Webp, 0.01, 0.01 },
        { "jpeg", ImageFormatKind.Jpeg, 8, 1.5 },
        { "webp-lossy", ImageFormatKind.Webp, 40, 4 },
    };

    [Theory]
    [MemberData(nameof(LosslessAndLossy))]
    public void Every_format_decodes_to_the_right_size_and_values(string name, ImageFormatKind kind, double maxError, double meanError)
    {
        using var source = TestImages.Gradient(64, 48);
        var file = TestImages.Encode(source, Encoder(name));

        var photo = _decoder.Decode(file);

        Assert.Equal(kind, photo.Source.Format);
        Assert.Equal(64, photo.Pixels.Width);
        Assert.Equal(48, photo.Pixels.Height);
        Assert.Equal(3 * 64 * 48, photo.Pixels.Data.Length);
        Assert.InRange(TestImages.MaxError255(photo.Pixels, source), 0, maxError);
        Assert.InRange(TestImages.MeanError255(photo.Pixels, source), 0, meanError);
        Assert.All(photo.Pixels.Data, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Pixels_are_planar_red_then_green_then_blue()
    {
        using var source = new Image<Rgb24>(16, 16, new Rgb24(255, 0, 0));
        source[3, 2] = new Rgb24(0, 255, 0);

        var pixels = _decoder.Decode(TestImages.Encode(source, new PngEncoder())).Pixels;

        // Red plane first: 1 everywhere except at (x 3, y 2).
        Assert.Equal(1f, pixels.Data[0]);
        Assert.Equal(0f, pixels.Data[(2 * 16) + 3]);
        // Green plane: only (3, 2) is lit.
        Assert.Equal(1f, pixels.Data[256 + (2 * 16) + 3]);
        Assert.Equal(0f, pixels.Data[256]);
        Assert.All(pixels.Plane(2).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void A_palette_gif_decodes_exactly_and_only_its_first_frame()
    {
        var red = new Rgb24(220, 20, 30);
        var green = new Rgb24(10, 200, 40);
        var blue = new Rgb24(30, 40, 210);
        var white = new Rgb24(255, 255, 255);
        using var first = TestImages.Quadrants(32, 16, red, green, blue, white);
        using var animation = first.CloneAs<Rgba32>();
        using (var second = new Image<Rgba32>(32, 16, new Rgba32(0, 0, 0)))
        {
            animation.Frames.AddFrame(second.Frames.RootFrame);
        }
        var file = TestImages.Encode(animation, new GifEncoder());

        var photo = _decoder.Decode(file);

        Assert.Equal(ImageFormatKind.Gif, photo.Source.Format);
        Assert.Equal(0, TestImages.MaxError255(photo.Pixels, first), 3);
    }

    [Fact]
    public void A_palette_png_decodes_exactly()
    {
        using var source = TestImages.Quadrants(32, 32, new Rgb24(250, 240, 220), new Rgb24(90, 60, 30), new Rgb24(20, 20, 20), new Rgb24(130, 140, 150));
        var png = TestImages.Encode(source, new PngEncoder { ColorType = PngColorType.Palette });
        Assert.Contains(PngChunkTestTools.Chunks(png), c => c.Type == "PLTE");

        var photo = _decoder.Decode(png);

        Assert.Equal(0, TestImages.MaxError255(photo.Pixels, source), 3);
    }

    [Fact]
    public void Greyscale_png_and_jpeg_yield_three_equal_channels()
    {
        using var grey = new Image<L8>(32, 32);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                grey[x, y] = new L8((byte)((x * 8) + (y % 8)));
            }
        }
        var png = TestImages.Encode(grey, new PngEncoder { ColorType = PngColorType.Grayscale });
        var jpeg = TestImages.Encode(grey, new JpegEncoder { ColorType = JpegColorType.Luminance, Quality = 90 });

        foreach (var file in new[] { png, jpeg })
        {
            var pixels = _decoder.Decode(file).Pixels;
            Assert.Equal(pixels.Plane(0).ToArray(), pixels.Plane(1).ToArray());
            Assert.Equal(pixels.Plane(0).ToArray(), pixels.Plane(2).ToArray());
        }
        var exact = _decoder.Decode(png).Pixels;
        Assert.Equal(((5 * 8) + 3) / 255f, exact[0, 3, 5], 6);
    }

    [Fact]
    public void Transparent_pixels_are_composited_over_white_paper()
    {
        using var rgba = new Image<Rgba32>(16, 16, new Rgba32(0, 100, 200, 255));
        rgba[0, 0] = new Rgba32(255, 0, 0, 0);        // fully transparent red: paper
        rgba[1, 0] = new Rgba32(0, 0, 0, 128);        // half-transparent black: grey
        rgba[2, 0] = new Rgba32(200, 100, 50, 51);    // 20% opaque colour
        var png = TestImages.Encode(rgba, new PngEncoder { ColorType = PngColorType.RgbWithAlpha });

        var pixels = _decoder.Decode(png).Pixels;

        Assert.Equal((1f, 1f, 1f), TestImages.Pixel(pixels, 0, 0));
        float half = 1f - (128 / 255f);
        AssertPixel((half, half, half), TestImages.Pixel(pixels, 1, 0));
        float a = 51 / 255f;
        AssertPixel(((200 / 255f * a) + 1 - a, (100 / 255f * a) + 1 - a, (50 / 255f * a) + 1 - a), TestImages.Pixel(pixels, 2, 0));
        AssertPixel((0f, 100 / 255f, 200 / 255f), TestImages.Pixel(pixels, 5, 5));
    }

    [Fact]
    public void A_gif_transparent_colour_becomes_white()
    {
        using var image = new Image<Rgba32>(16, 16, new Rgba32(10, 20, 30, 255));
        image[4, 4] = new Rgba32(0, 0, 0, 0);
        var gif = TestImages.Encode(image, new GifEncoder());

        var pixels = _decoder.Decode(gif).Pixels;

        Assert.Equal((1f, 1f, 1f), TestImages.Pixel(pixels, 4, 4));
        AssertPixel((10 / 255f, 20 / 255f, 30 / 255f), TestImages.Pixel(pixels, 0, 0));
    }

    [Fact]
    public void Sixteen_bit_png_keeps_its_precision_through_float()
    {
        using var deep = new Image<Rgb48>(16, 16);
        for (int y = 0; y < 16; y++)
        {
            for (int x = 0; x < 16; x++)
            {
                // Neighbours differ only in the low byte, which an 8-bit path would lose.
                ushort v = (ushort)(0x1200 + (y * 16) + x);
                deep[x, y] = new Rgb48(v, (ushort)(65535 - v), (ushort)(v * 3));
            }
        }
        var png = TestImages.Encode(deep, new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Rgb });

        var photo = _decoder.Decode(png);

        Assert.Equal(16, photo.SourceBitsPerChannel);
        Assert.Equal(OutputFormat.Png16, photo.DefaultOutputFormat);
        for (int y = 0; y < 16; y++)
        {
            for (int x = 0; x < 16; x++)
            {
                var p = deep[x, y];
                // Within a hundredth of one 16-bit step: float's 24-bit mantissa holds 16-bit values exactly.
                Assert.Equal(p.R, photo.Pixels[0, y, x] * 65535, 0.01);
                Assert.Equal(p.G, photo.Pixels[1, y, x] * 65535, 0.01);
                Assert.Equal(p.B, photo.Pixels[2, y, x] * 65535, 0.01);
            }
        }
        Assert.NotEqual(photo.Pixels[0, 0, 0], photo.Pixels[0, 0, 1]);
    }

    [Fact]
    public void Sixteen_bit_greyscale_png_keeps_its_precision()
    {
        using var deep = new Image<L16>(16, 16);
        deep[0, 0] = new L16(40001);
        deep[1, 0] = new L16(40002);
        var png = TestImages.Encode(deep, new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Grayscale });

        var pixels = _decoder.Decode(png).Pixels;

        Assert.Equal(40001, pixels[0, 0, 0] * 65535, 0.01);
        Assert.Equal(40002, pixels[2, 0, 1] * 65535, 0.01);
    }

    [Fact]
    public void An_adobe_cmyk_jpeg_decodes_to_its_rgb_colours()
    {
        var file = TestImages.ReadTestData("cmyk-adobe-ycck.jpg");
        // The test file is what its name says: four components, and an Adobe marker with transform 2 (YCCK).
        int adobe = file.AsSpan().IndexOf("Adobe"u8);
        Assert.True(adobe > 0);
        Assert.Equal(2, file[adobe + 11]);
        int frame = file.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        Assert.Equal(4, file[frame + 9]);

        var photo = _decoder.Decode(file);

        Assert.Equal(ImageFormatKind.Jpeg, photo.Source.Format);
        Assert.Equal((16, 16), (photo.Pixels.Width, photo.Pixels.Height));
        AssertColour(new Rgb24(200, 30, 40), photo.Pixels, 3, 3);
        AssertColour(new Rgb24(20, 160, 60), photo.Pixels, 12, 3);
        AssertColour(new Rgb24(40, 60, 190), photo.Pixels, 3, 12);
        AssertColour(new Rgb24(230, 220, 120), photo.Pixels, 12, 12);
    }

    [Fact]
    public void A_mislabelled_file_is_decoded_by_its_content()
    {
        using var source = TestImages.Gradient(32, 24);
        string path = Path.Combine(Path.GetTempPath(), $"restoreweb-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(path, TestImages.Encode(source, new PngEncoder()));
        try
        {
            using var stream = File.OpenRead(path);
            var photo = _decoder.Decode(stream);

            Assert.Equal(ImageFormatKind.Png, photo.Source.Format);
            Assert.Equal(OutputFormat.Png, photo.DefaultOutputFormat);
            Assert.Equal(0, TestImages.MaxError255(photo.Pixels, source), 3);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Trailing_bytes_after_the_jpeg_end_marker_are_ignored()
    {
        using var source = TestImages.Gradient(32, 24);
        var jpeg = TestImages.Encode(source, new JpegEncoder { Quality = 95 });
        // A JPEG with an archive appended (a common polyglot) is still the JPEG it starts with.
        byte[] appended = [.. jpeg, .. "PK\u0003\u0004 archive entry follows"u8];

        var photo = _decoder.Decode(appended);

        Assert.Equal(ImageFormatKind.Jpeg, photo.Source.Format);
        Assert.InRange(TestImages.MeanError255(photo.Pixels, source), 0, 2);
    }

    [Fact]
    public void Stray_bytes_between_jpeg_segments_are_tolerated_as_viewers_do()
    {
        using var source = TestImages.Gradient(32, 24);
        var jpeg = TestImages.Encode(source, new JpegEncoder { Quality = 95 });
        // libjpeg's "extraneous bytes before marker": a warning there, and browsers show the photo.
        int afterFirstSegment = 4 + ((jpeg[4] << 8) | jpeg[5]);
        byte[] stray = [.. jpeg[..afterFirstSegment], 0x00, 0x11, .. jpeg[afterFirstSegment..]];

        var photo = _decoder.Decode(stray);

        Assert.InRange(TestImages.MeanError255(photo.Pixels, source), 0, 2);
    }

    private static void AssertColour(Rgb24 expected, RgbImage pixels, int x, int y)
    {
        const float tolerance = 4 / 255f;
        var (r, g, b) = TestImages.Pixel(pixels, x, y);
        Assert.InRange(r, (expected.R / 255f) - tolerance, (expected.R / 255f) + tolerance);
        Assert.InRange(g, (expected.G / 255f) - tolerance, (expected.G / 255f) + tolerance);
        Assert.InRange(b, (expected.B / 255f) - tolerance, (expected.B / 255f) + tolerance);
    }

    private static void AssertPixel((float R, float G, float B) expected, (float R, float G, float B) actual)
    {
        Assert.Equal(expected.R, actual.R, 5);
        Assert.Equal(expected.G, actual.G, 5);
        Assert.Equal(expected.B, actual.B, 5);
    }

    private static IImageEncoder Encoder(string name) => name switch
    {
        "png" => new PngEncoder(),
        "bmp" => new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 },
        "tiff" => new TiffEncoder(),
        "webp-lossless" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
        "webp-lossy" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = 90 },
        "jpeg" => new JpegEncoder { Quality = 95 },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
