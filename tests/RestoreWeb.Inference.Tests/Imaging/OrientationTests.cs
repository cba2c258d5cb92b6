using RestoreWeb.Inference.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class OrientationTests
{
    private const int UprightWidth = 24;
    private const int UprightHeight = 16;

    private readonly PhotoDecoder _decoder = new(TestImages.DefaultOptions);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Every_exif_orientation_yields_the_same_upright_pixels(int orientation)
    {
        using var upright = UniqueColours();
        using var stored = StoredFor(upright, orientation);
        stored.Metadata.ExifProfile = new ExifProfile();
        stored.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)orientation);
        // PNG is lossless, so the comparison can be exact; ImageSharp reads its eXIf chunk like JPEG's APP1.
        var file = TestImages.Encode(stored, new PngEncoder());

        var photo = _decoder.Decode(file);

        Assert.Equal(orientation, photo.Source.Orientation);
        Assert.Equal((stored.Width, stored.Height), (photo.Source.Width, photo.Source.Height));
        Assert.Equal((UprightWidth, UprightHeight), (photo.Source.UprightWidth, photo.Source.UprightHeight));
        Assert.Equal(0, TestImages.MaxError255(photo.Pixels, upright), 3);
    }

    [Fact]
    public void A_jpeg_turned_by_its_exif_tag_comes_out_upright()
    {
        var bright = new Rgb24(250, 250, 250);
        var dark = new Rgb24(10, 10, 10);
        // Upright: a dark top-left quadrant on white.
        using var upright = TestImages.Quadrants(32, 16, dark, bright, bright, bright);
        using var stored = StoredFor(upright, 6);
        stored.Metadata.ExifProfile = new ExifProfile();
        stored.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
        var file = TestImages.Encode(stored, new JpegEncoder { Quality = 95 });

        var photo = _decoder.Decode(file);

        Assert.Equal((32, 16), (photo.Pixels.Width, photo.Pixels.Height));
        Assert.InRange(TestImages.MeanError255(photo.Pixels, upright), 0, 2);
    }

    /// <summary>Every pixel a different colour, so that any misplaced pixel shows.</summary>
    private static Image<Rgb24> UniqueColours()
    {
        var image = new Image<Rgb24>(UprightWidth, UprightHeight);
        for (int y = 0; y < UprightHeight; y++)
        {
            for (int x = 0; x < UprightWidth; x++)
            {
                image[x, y] = new Rgb24((byte)(x * 10), (byte)(y * 15), (byte)(255 - (x * 3) - y));
            }
        }
        return image;
    }

    /// <summary>
    /// The stored image that a viewer honouring <paramref name="orientation"/> displays as <paramref name="upright"/>,
    /// written from the EXIF definition (where the stored rows and columns go) independently of ImageSharp.
    /// </summary>
    private static Image<Rgb24> StoredFor(Image<Rgb24> upright, int orientation)
    {
        int w = upright.Width;
        int h = upright.Height;
        bool swaps = orientation >= 5;
        var stored = new Image<Rgb24>(swaps ? h : w, swaps ? w : h);
        int sw = stored.Width;
        int sh = stored.Height;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                // Displayed pixel (x, y) comes from stored pixel (sx, sy).
                (int sx, int sy) = orientation switch
                {
                    1 => (x, y),
                    2 => (sw - 1 - x, y),
                    3 => (sw - 1 - x, sh - 1 - y),
                    4 => (x, sh - 1 - y),
                    5 => (y, x),
                    6 => (y, sh - 1 - x),
                    7 => (sw - 1 - y, sh - 1 - x),
                    8 => (sw - 1 - y, x),
                    _ => throw new ArgumentOutOfRangeException(nameof(orientation)),
                };
                stored[sx, sy] = upright[x, y];
            }
        }
        return stored;
    }
}
