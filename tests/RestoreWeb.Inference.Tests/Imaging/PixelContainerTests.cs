using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class PixelContainerTests
{
    [Fact]
    public void Rgb_image_is_laid_out_channel_height_width()
    {
        var image = new RgbImage(3, 2);

        image[1, 1, 2] = 0.5f;

        // Channel 1 starts after one plane of 6; row 1 after 3 values; column 2.
        Assert.Equal(0.5f, image.Data[6 + 3 + 2]);
        Assert.Equal(0.5f, image.Plane(1)[5]);
        Assert.Equal(6, image.PlaneLength);
        Assert.Equal(18, image.Data.Length);
    }

    [Fact]
    public void Wrong_lengths_and_coordinates_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new RgbImage(3, 2, new float[17]));
        Assert.Throws<ArgumentException>(() => new GrayImage(3, 2, new float[7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(3, 2)[3, 0, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(3, 2)[0, 2, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GrayImage(3, 2)[0, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(3, 2).Plane(3).Length);
    }

    [Fact]
    public void Luma_uses_the_bt601_weights()
    {
        var image = new RgbImage(2, 1, [1f, 0.5f, 0f, 0.5f, 0f, 0.5f]);

        var luma = Luma.Extract(image);

        Assert.Equal((2, 1), (luma.Width, luma.Height));
        Assert.Equal(0.299f, luma[0, 0], 6);
        Assert.Equal((0.299f * 0.5f) + (0.587f * 0.5f) + (0.114f * 0.5f), luma[0, 1], 6);
        Assert.Equal(1f, Luma.Red + Luma.Green + Luma.Blue, 6);
    }

    [Fact]
    public void Luma_of_a_grey_image_is_the_grey_value()
    {
        var grey = new RgbImage(4, 4);
        grey.Data.AsSpan().Fill(0.42f);

        Assert.All(Luma.Extract(grey).Data, v => Assert.Equal(0.42f, v, 5));
    }
}
