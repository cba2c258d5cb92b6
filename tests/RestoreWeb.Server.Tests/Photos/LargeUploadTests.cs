using System.Security.Cryptography;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;

namespace RestoreWeb.Server.Tests.Photos;

public sealed class LargeUploadTests(QueueOnlyServerFactory server) : IClassFixture<QueueOnlyServerFactory>
{
    [Fact]
    public async Task A_scan_over_50_MB_streams_through_and_is_stored_byte_for_byte()
    {
        // An uncompressed 24-bit BMP of 4200×4200 pixels: 52.9 MB.
        byte[] scan;
        using (var image = TestImages.Pattern(4200, 4200, seed: 30))
        using (var output = new MemoryStream())
        {
            image.Save(output, new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 });
            scan = output.ToArray();
        }
        Assert.True(scan.Length > 50 * 1024 * 1024);
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();

        var photo = await client.UploadPhotoAsync(album.Id, "attic scan.bmp", scan);

        Assert.Equal(scan.Length, photo.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(scan)), photo.Sha256);
        Assert.Equal((4200, 4200), (photo.Width, photo.Height));
        Assert.Equal(JobState.Queued, photo.LatestJob!.State);
        await using (var stored = await server.Blobs.OpenReadAsync($"originals/{photo.Id:N}.bmp"))
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(scan)), Convert.ToHexStringLower(await SHA256.HashDataAsync(stored)));
        }
        Assert.Equal((320, 320), TestImages.SizeOf(await client.GetBytesAsync(photo.ThumbnailUrl)));
    }
}
