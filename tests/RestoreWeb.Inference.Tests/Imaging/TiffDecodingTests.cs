using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class TiffDecodingTests
{
    private readonly PhotoDecoder _decoder = new(TestImages.DefaultOptions);

    [Fact]
    public void A_16_bit_greyscale_scan_keeps_its_precision()
    {
        var samples = Enumerable.Range(0, 16 * 16).Select(i => (ushort)(30000 + i)).ToArray();
        var tiff = TiffTestWriter.Grey16(16, 16, samples, orientation: 1);

        var photo = _decoder.Decode(tiff);

        Assert.Equal(ImageFormatKind.Tiff, photo.Source.Format);
        Assert.Equal(16, photo.SourceBitsPerChannel);
        Assert.Equal(OutputFormat.Png16, photo.DefaultOutputFormat);
        for (int i = 0; i < samples.Length; i++)
        {
            Assert.Equal(samples[i], photo.Pixels.Data[i] * 65535, 0.01);
            Assert.Equal(photo.Pixels.Data[i], photo.Pixels.Data[(2 * photo.Pixels.PlaneLength) + i]);
        }
    }

    [Fact]
    public void The_orientation_tag_of_a_tiff_page_is_applied()
    {
        // Stored 16 wide × 24 high with orientation 8 (turn 90° anticlockwise to view): upright 24 × 16.
        var samples = new ushort[16 * 24];
        samples[0] = 65535; // stored top-left, which the viewer sees at the bottom-left
        var tiff = TiffTestWriter.Grey16(16, 24, samples, orientation: 8);

        var photo = _decoder.Decode(tiff);

        Assert.Equal(8, photo.Source.Orientation);
        Assert.Equal((24, 16), (photo.Source.UprightWidth, photo.Source.UprightHeight));
        Assert.Equal((24, 16), (photo.Pixels.Width, photo.Pixels.Height));
        Assert.Equal(1f, photo.Pixels[0, 15, 0]);
        Assert.Equal(1f, photo.Pixels.Data.Count(v => v == 1f) / 3f);
    }

    [Fact]
    public void A_tiff_cut_inside_its_pixel_strip_is_truncated_though_its_directory_is_intact()
    {
        var tiff = TiffTestWriter.Grey16(16, 16, new ushort[256], orientation: 1);

        var error = Assert.Throws<ImageRejectedException>(() => _decoder.Decode(tiff[..^100]));

        Assert.Equal(ImageRejectionReason.Truncated, error.Reason);
    }

    [Fact]
    public void A_tiff_compression_imagesharp_cannot_decode_is_unsupported_with_a_way_out()
    {
        // 34712 is JPEG 2000 inside TIFF, which ImageSharp 2.1 does not implement.
        var tiff = TiffTestWriter.Grey16(16, 16, new ushort[256], orientation: 1, compression: 34712);

        var error = Assert.Throws<ImageRejectedException>(() => _decoder.Decode(tiff));

        Assert.Equal(ImageRejectionReason.Unsupported, error.Reason);
        Assert.StartsWith("This TIFF file uses a feature RestoreWeb cannot read", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Save the photo again as an ordinary JPEG or PNG and upload that.", error.Message, StringComparison.Ordinal);
    }
}
