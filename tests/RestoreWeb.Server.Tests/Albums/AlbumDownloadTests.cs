using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Server.Tests.Albums;

/// <summary>Albums whose photos the in-process worker has restored.</summary>
public sealed class AlbumDownloadTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task An_album_downloads_as_a_zip_of_full_size_results_with_unique_names_and_optionally_the_originals()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync("Summer '61");
        (string Name, byte[] Content, (int, int) Size)[] files =
        [
            ("a.jpg", TestImages.Jpeg(80, 60, seed: 50), (80, 60)),
            ("a.jpg", TestImages.Jpeg(60, 80, seed: 51), (60, 80)),
            ("b.tif", TestImages.Tiff(64, 64, seed: 52), (64, 64)),
            ("A.JPG", TestImages.Jpeg(72, 48, seed: 53), (72, 48)),
        ];
        var upload = await client.UploadAsync(album.Id, [.. files.Select(f => (f.Name, f.Content))]);
        foreach (var file in upload.Files)
        {
            Assert.Equal(JobState.Succeeded, (await client.WaitUntilFinishedAsync(file.Photo!.LatestJob!.Id)).State);
        }

        using (var response = await client.Http.GetAsync(new Uri($"/api/albums/{album.Id}/download", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Summer '61.zip", response.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Null(response.Content.Headers.ContentLength);
            using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
            Assert.Equal(["a.jpg", "a (2).jpg", "b.png", "A (3).jpg"], zip.Entries.Select(e => e.FullName));
            for (int i = 0; i < files.Length; i++)
            {
                await using var entry = await zip.Entries[i].OpenAsync();
                using var image = await Image.LoadAsync(entry);
                Assert.Equal(files[i].Size, (image.Width, image.Height));
            }
        }

        using var withOriginals = await client.Http.GetAsync(new Uri($"/api/albums/{album.Id}/download?includeOriginals=true", UriKind.Relative));
        using var full = new ZipArchive(await withOriginals.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(
            ["a.jpg", "a (2).jpg", "b.png", "A (3).jpg", "originals/a.jpg", "originals/a (2).jpg", "originals/b.tif", "originals/A (3).JPG"],
            full.Entries.Select(e => e.FullName));
        for (int i = 0; i < files.Length; i++)
        {
            await using var entry = await full.Entries[4 + i].OpenAsync();
            using var copy = new MemoryStream();
            await entry.CopyToAsync(copy);
            Assert.Equal(files[i].Content, copy.ToArray());
        }
    }

    [Fact]
    public async Task Deleting_an_album_removes_its_photos_jobs_results_masks_and_thumbnails()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        var photo = await client.UploadPhotoAsync(album.Id, "doomed.jpg", TestImages.Jpeg(48, 48, seed: 54), "?repairScratches=true");
        await client.WaitUntilFinishedAsync(photo.LatestJob!.Id);
        using (var mask = new Image<L8>(48, 48))
        using (var png = new MemoryStream())
        {
            await mask.SaveAsPngAsync(png);
            using var content = new ByteArrayContent(png.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            using var put = await client.Http.PutAsync(new Uri($"/api/photos/{photo.Id}/mask", UriKind.Relative), content);
            await client.WaitUntilFinishedAsync((await ApiClient.ReadAsync<JobDto>(put, HttpStatusCode.Accepted)).Id);
        }
        string[] prefixes = [$"originals/{photo.Id:N}", $"thumbnails/{photo.Id:N}", $"results/{photo.Id:N}/", $"masks/{photo.Id:N}/"];
        foreach (var prefix in prefixes)
        {
            Assert.NotEmpty(await server.BlobNamesAsync(prefix));
        }
        Assert.Equal(3, (await server.BlobNamesAsync($"masks/{photo.Id:N}/")).Count);

        using var delete = await client.Http.DeleteAsync(new Uri($"/api/albums/{album.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        foreach (var prefix in prefixes)
        {
            Assert.Empty(await server.BlobNamesAsync(prefix));
        }
        Assert.Equal(0, await server.WithDbAsync(db => Task.FromResult(db.Jobs.Count(j => j.PhotoId == photo.Id))));
    }

    [Fact]
    public async Task Deleting_one_photo_removes_it_and_its_files_but_not_its_album()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        var photo = await client.UploadPhotoAsync(album.Id, "single.jpg", TestImages.Jpeg(40, 40, seed: 55));
        await client.WaitUntilFinishedAsync(photo.LatestJob!.Id);

        using var delete = await client.Http.DeleteAsync(new Uri($"/api/photos/{photo.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(await server.BlobNamesAsync($"results/{photo.Id:N}/"));
        Assert.Empty(await server.BlobNamesAsync($"originals/{photo.Id:N}"));
        using var still = await client.Http.GetAsync(new Uri($"/api/albums/{album.Id}", UriKind.Relative));
        Assert.Equal(0, (await ApiClient.ReadAsync<AlbumDto>(still, HttpStatusCode.OK)).PhotoCount);
    }
}
