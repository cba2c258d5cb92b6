using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class OutputFormatPolicyTests
{
    [Theory]
    [InlineData(ImageFormatKind.Jpeg, 8, OutputFormat.Jpeg)]
    [InlineData(ImageFormatKind.Png, 8, OutputFormat.Png)]
    [InlineData(ImageFormatKind.Png, 16, OutputFormat.Png16)]
    [InlineData(ImageFormatKind.Tiff, 16, OutputFormat.Png16)]
    [InlineData(ImageFormatKind.Tiff, 8, OutputFormat.Png)]
    [InlineData(ImageFormatKind.Webp, 8, OutputFormat.Png)]
    [InlineData(ImageFormatKind.Bmp, 8, OutputFormat.Png)]
    [InlineData(ImageFormatKind.Gif, 8, OutputFormat.Png)]
    public void The_output_stays_in_the_family_of_the_input(ImageFormatKind source, int bits, OutputFormat expected)
    {
        Assert.Equal(expected, OutputFormatPolicy.Choose(source, bits));
    }

    [Fact]
    public void A_requested_format_overrides_the_default()
    {
        Assert.Equal(OutputFormat.Png, OutputFormatPolicy.Choose(ImageFormatKind.Jpeg, 8, OutputFormat.Png));
        Assert.Equal(OutputFormat.Jpeg, OutputFormatPolicy.Choose(ImageFormatKind.Png, 16, OutputFormat.Jpeg));
        Assert.Equal(".jpg", OutputFormatPolicy.Extension(OutputFormat.Jpeg));
        Assert.Equal("image/png", OutputFormatPolicy.ContentType(OutputFormat.Png16));
    }
}
