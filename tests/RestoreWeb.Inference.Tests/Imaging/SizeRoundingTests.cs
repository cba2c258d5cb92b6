using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class SizeRoundingTests
{
    [Theory]
    [InlineData(800, 4, 800)]
    [InlineData(801, 4, 800)]
    [InlineData(803, 4, 804)]
    [InlineData(10, 4, 8)]     // 2.5 → 2: ties go to even, as Python's round() does
    [InlineData(14, 4, 16)]    // 3.5 → 4
    [InlineData(1, 4, 4)]      // never below one multiple
    [InlineData(1000, 16, 992)] // 62.5 → 62
    [InlineData(1016, 16, 1024)] // 63.5 → 64
    [InlineData(257, 16, 256)]
    public void Rounds_to_the_nearest_multiple(int value, int multiple, int expected)
    {
        Assert.Equal(expected, SizeRounding.ToNearestMultiple(value, multiple));
    }

    [Fact]
    public void Rounds_both_sides_and_scales_the_short_side()
    {
        Assert.Equal((1200, 800), SizeRounding.ToNearestMultiple(1201, 799, SizeRounding.RestorationMultiple));
        Assert.Equal((341, 256), SizeRounding.ScaleShortSide(800, 600, 256));
        Assert.Equal((256, 455), SizeRounding.ScaleShortSide(900, 1600, 256));
        Assert.Equal((256, 256), SizeRounding.ScaleShortSide(500, 500, 256));
        Assert.Equal(4, SizeRounding.RestorationMultiple);
        Assert.Equal(16, SizeRounding.ScratchDetectorMultiple);
    }

    [Fact]
    public void Rejects_sizes_that_are_not_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SizeRounding.ToNearestMultiple(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => SizeRounding.ToNearestMultiple(10, 0));
    }
}
