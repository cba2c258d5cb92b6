using System.IO.Compression;
using System.Net;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.BadInput;

/// <summary>The files of the bad-input corpus that <see cref="BadFiles"/> and <see cref="TestImages"/> do not already make.</summary>
public static class CorpusFiles
{
    /// <summary>
    /// A 32×32 baseline JPEG with four components (CMYK, Adobe transform 0), written by hand because ImageSharp's
    /// encoder cannot write CMYK. Each component has one-symbol Huffman tables, so every 8×8 block is two bits:
    /// DC difference 0 and end-of-block, i.e. a flat mid-grey in every channel.
    /// </summary>
    public static byte[] CmykJpeg()
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        Segment(jpeg, 0xEE, [.. "Adobe"u8, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00]);
        Segment(jpeg, 0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);
        Segment(jpeg, 0xC0, [8, 0, 32, 0, 32, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
        // DC table 0 and AC table 0: one code of length 1 each, for category 0 and for end-of-block.
        Segment(jpeg, 0xC4, [0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        Segment(jpeg, 0xC4, [0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        Segment(jpeg, 0xDA, [4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 63, 0]);
        // 16 MCUs × 4 blocks × 2 bits, all zero.
        jpeg.Write(new byte[16]);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    public static byte[] Png16Bit(int width, int height)
    {
        using var image = new Image<Rgba64>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgba64((ushort)(x * 65535 / width), (ushort)(y * 65535 / height), 40000, 65535);
                }
            }
        });
        return Save(image, new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.RgbWithAlpha });
    }

    /// <summary>Two frames of different sizes of content: only the first is a photo to restore.</summary>
    public static byte[] AnimatedGif(int width, int height)
    {
        using var image = TestImages.Pattern(width, height, seed: 70).CloneAs<Rgba32>();
        using var second = new Image<Rgba32>(width, height, new Rgba32(255, 0, 0));
        image.Frames.AddFrame(second.Frames.RootFrame);
        return Save(image, new GifEncoder());
    }

    /// <summary>A JPEG whose EXIF block is nearly the 64 kB a JPEG segment can hold.</summary>
    public static byte[] JpegWithHugeExif(int width, int height)
    {
        using var image = TestImages.Pattern(width, height, seed: 71);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.ImageDescription, new string('x', 60_000));
        return Save(image, new JpegEncoder { Quality = 90 });
    }

    /// <summary>A real JPEG with a ZIP archive (holding an HTML page with a script) glued on: valid as both.</summary>
    public static byte[] JpegZipPolyglot()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("index.html").Open(), Encoding.UTF8);
            entry.Write(PolyglotPayload);
        }
        return [.. TestImages.Jpeg(48, 48, seed: 72), .. zip.ToArray()];
    }

    public const string PolyglotPayload = "<html><script>alert(document.cookie)</script></html>";

    public static byte[] CorruptModelPackage()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var manifest = new StreamWriter(archive.CreateEntry("manifest.json").Open(), Encoding.UTF8);
            manifest.Write("{ \"name\": \"broken\", \"version\": ");
        }
        return zip.ToArray()[..^10];
    }

    private static void Segment(Stream jpeg, byte marker, byte[] payload)
    {
        jpeg.Write([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)]);
        jpeg.Write(payload);
    }

    private static byte[] Save(Image image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }
}

/// <summary>
/// A multipart body that claims (Content-Length) to be <see cref="ClaimedLength"/> bytes and generates them on
/// demand, counting how many the server pulled; nothing of that size is ever allocated.
/// </summary>
public sealed class HugeUploadContent : HttpContent
{
    private const string Boundary = "corpus-boundary";
    private long _written;

    public HugeUploadContent(long claimedLength)
    {
        ClaimedLength = claimedLength;
        Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={Boundary}");
        Headers.ContentLength = claimedLength;
    }

    public long ClaimedLength { get; }

    public long BytesWritten => Interlocked.Read(ref _written);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        byte[] head = Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"enormous.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
        await stream.WriteAsync(head);
        Interlocked.Add(ref _written, head.Length);
        var chunk = new byte[64 * 1024];
        while (BytesWritten < ClaimedLength)
        {
            int n = (int)Math.Min(chunk.Length, ClaimedLength - BytesWritten);
            await stream.WriteAsync(chunk.AsMemory(0, n));
            Interlocked.Add(ref _written, n);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = ClaimedLength;
        return true;
    }
}
