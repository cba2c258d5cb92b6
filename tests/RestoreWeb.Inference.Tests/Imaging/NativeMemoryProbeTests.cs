using System.Buffers;
using System.Runtime.InteropServices;
using RestoreWeb.Inference.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Inference.Tests.Imaging;

/// <summary>Uploads may be memory-mapped files rather than arrays; probing and decoding them must not copy them.</summary>
public sealed class NativeMemoryProbeTests
{
    [Fact]
    public unsafe void A_photo_in_native_memory_is_probed_and_decoded_without_an_array_copy()
    {
        byte[] png;
        using (var image = new Image<Rgb24>(1200, 900, new Rgb24(10, 200, 30)))
        using (var stream = new MemoryStream())
        {
            // Noise in the lower half keeps the file large (about 1.6 MB), so a copy would be plain to see.
            var random = new Random(3);
            for (int y = 450; y < 900; y++)
            {
                for (int x = 0; x < 1200; x++)
                {
                    image[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                }
            }
            image.SaveAsPng(stream);
            png = stream.ToArray();
        }
        var native = (byte*)NativeMemory.Alloc((nuint)png.Length);
        try
        {
            png.CopyTo(new Span<byte>(native, png.Length));
            using var manager = new NativeMemoryManager(native, png.Length);
            var prober = new ImageProber(new ImagingOptions());

            long before = GC.GetAllocatedBytesForCurrentThread();
            var probe = prober.Probe(manager.Memory);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal((1200, 900), (probe.Width, probe.Height));
            Assert.True(png.Length > 1_000_000);
            Assert.True(allocated < png.Length / 10, $"probing allocated {allocated} bytes for a {png.Length}-byte file");
            var decoded = new PhotoDecoder(new ImagingOptions()).Decode(manager.Memory);
            Assert.Equal(200 / 255f, decoded.Pixels[1, 100, 600], 3);
        }
        finally
        {
            NativeMemory.Free(native);
        }
    }

    private sealed unsafe class NativeMemoryManager(byte* pointer, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(pointer, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
