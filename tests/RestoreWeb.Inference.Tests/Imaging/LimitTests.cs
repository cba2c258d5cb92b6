using System.Buffers.Binary;
using System.Diagnostics;
using RestoreWeb.Inference.Imaging;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;

namespace RestoreWeb.Inference.Tests.Imaging;

public sealed class LimitTests
{
    private const long TenMegabytes = 10L * 1024 * 1024;

    public static TheoryData<string> BombFormats => new() { "png", "jpeg", "gif" };

    [Theory]
    [MemberData(nameof(BombFormats))]
    public void A_decompression_bomb_is_refused_from_its_header_without_allocating(string format)
    {
        var bomb = Bomb(format);
        Assert.True(bomb.Length < 2000, $"the {format} bomb is {bomb.Length} bytes");
        var decoder = new PhotoDecoder(TestImages.DefaultOptions);
        // Warm up so that JIT compilation and ImageSharp's static set-up are not counted.
        Assert.Throws<ImageRejectedException>(() => decoder.Decode(bomb));

        var clock = Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(bomb));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        clock.Stop();

        Assert.Equal(ImageRejectionReason.TooManyPixels, error.Reason);
        Assert.Equal("The image is 60000×60000 pixels (3600 MP); the limit is 50 MP. Scan at a lower resolution or reduce the image size and upload it again.", error.Message);
        Assert.True(allocated < TenMegabytes, $"refusing the bomb allocated {allocated} bytes");
        Assert.True(clock.ElapsedMilliseconds < 500, $"refusing the bomb took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Probing_reports_the_declared_size_without_decoding()
    {
        var bomb = Bomb("png");
        var prober = new ImageProber(new ImagingOptions { MaxPixels = 4_000_000_000, MaxWidth = 60_000, MaxHeight = 60_000 });

        // Structurally the crafted file is complete, so with generous limits the probe accepts it: the limits are what protects.
        var probe = prober.Probe(bomb);

        Assert.Equal(new ImageProbe(ImageFormatKind.Png, 60_000, 60_000, 1), probe);
        Assert.Equal(3_600_000_000L, probe.Pixels);
    }

    [Fact]
    public void The_pixel_cap_is_configurable()
    {
        using var source = TestImages.Gradient(64, 48);
        var png = TestImages.Encode(source, new PngEncoder());

        var error = Assert.Throws<ImageRejectedException>(() => new PhotoDecoder(new ImagingOptions { MaxPixels = 3000 }).Decode(png));

        Assert.Equal(ImageRejectionReason.TooManyPixels, error.Reason);
        Assert.StartsWith("The image is 64×48 pixels (0.003 MP); the limit is 0.003 MP.", error.Message, StringComparison.Ordinal);
        Assert.Equal(64, new PhotoDecoder(new ImagingOptions { MaxPixels = 64 * 48 }).Decode(png).Pixels.Width);
    }

    [Fact]
    public void Width_and_height_caps_apply_to_the_upright_image()
    {
        using var source = TestImages.Gradient(64, 48);
        var png = TestImages.Encode(source, new PngEncoder());

        var wide = Assert.Throws<ImageRejectedException>(() => new PhotoDecoder(new ImagingOptions { MaxWidth = 63 }).Decode(png));
        var high = Assert.Throws<ImageRejectedException>(() => new PhotoDecoder(new ImagingOptions { MaxHeight = 47 }).Decode(png));

        Assert.Equal(ImageRejectionReason.DimensionTooLarge, wide.Reason);
        Assert.Equal(ImageRejectionReason.DimensionTooLarge, high.Reason);
        Assert.Equal("The image is 64×48 pixels; the limit is 63 pixels wide and 30000 pixels high. Reduce the image size and upload it again.", wide.Message);
    }

    [Fact]
    public void A_tiny_image_is_too_small()
    {
        using var source = TestImages.Gradient(12, 40);
        var png = TestImages.Encode(source, new PngEncoder());

        var error = Assert.Throws<ImageRejectedException>(() => new PhotoDecoder(TestImages.DefaultOptions).Decode(png));

        Assert.Equal(ImageRejectionReason.TooSmall, error.Reason);
        Assert.Equal("The image is only 12×40 pixels; RestoreWeb needs at least 16 pixels on each side. Upload a larger scan of the photo.", error.Message);
    }

    [Fact]
    public void A_file_over_the_byte_limit_is_refused_before_sniffing()
    {
        using var source = TestImages.Gradient(64, 48);
        var png = TestImages.Encode(source, new PngEncoder());
        var decoder = new PhotoDecoder(new ImagingOptions { MaxBytes = 100 });

        var fromBytes = Assert.Throws<ImageRejectedException>(() => decoder.Decode(png));
        using var unseekable = new ForwardOnlyStream(png);
        var fromStream = Assert.Throws<ImageRejectedException>(() => decoder.Decode(unseekable));

        Assert.Equal(ImageRejectionReason.FileTooLarge, fromBytes.Reason);
        Assert.Equal(ImageRejectionReason.FileTooLarge, fromStream.Reason);
        Assert.Contains("the limit is 0.1 kB", fromBytes.Message, StringComparison.Ordinal);
        Assert.StartsWith("The file is larger than the limit", fromStream.Message, StringComparison.Ordinal);
        Assert.True(unseekable.BytesRead <= 100 + 81920, "reading stopped once the limit was passed");
    }

    [Fact]
    public void Invalid_options_are_refused_at_construction()
    {
        Assert.Throws<InvalidOperationException>(() => new PhotoDecoder(new ImagingOptions { MaxPixels = 0 }));
        Assert.Throws<InvalidOperationException>(() => new PhotoEncoder(new ImagingOptions { JpegQuality = 101 }));
    }

    /// <summary>A real, tiny, structurally complete file of the format whose header declares 60000×60000 pixels.</summary>
    private static byte[] Bomb(string format)
    {
        using var small = TestImages.Gradient(16, 16);
        switch (format)
        {
            case "png":
                return PngChunkTestTools.WithDeclaredSize(TestImages.Encode(small, new PngEncoder()), 60_000, 60_000);
            case "jpeg":
            {
                var jpeg = TestImages.Encode(small, new JpegEncoder());
                int frame = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 5), 60_000);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 7), 60_000);
                return jpeg;
            }
            case "gif":
            {
                var gif = TestImages.Encode(small, new GifEncoder());
                // The logical screen: the canvas a decoder allocates for every frame.
                BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(6), 60_000);
                BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(8), 60_000);
                return gif;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    /// <summary>A network-like stream: no length, no seeking.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private int _position;

        public long BytesRead => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, content.Length - _position);
            Array.Copy(content, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
