using System.Net;
using System.Net.Http.Json;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Albums;

public sealed class AlbumApiTests(QueueOnlyServerFactory server) : IClassFixture<QueueOnlyServerFactory>
{
    [Fact]
    public async Task Albums_are_created_listed_renamed_and_fetched()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();

        var created = await client.CreateAlbumAsync("  Grandma's wedding  ");
        Assert.Equal("Grandma's wedding", created.Name);
        Assert.Equal(0, created.PhotoCount);
        Assert.Null(created.CoverThumbnailUrl);
        var other = await client.CreateAlbumAsync("Holidays");

        var listed = (await client.Http.GetFromJsonAsync<AlbumDto[]>("/api/albums"))!;
        Assert.Equal([other.Id, created.Id], listed.Select(a => a.Id));

        using (var rename = await client.Http.PutAsJsonAsync($"/api/albums/{created.Id}", new RenameAlbumRequest("Wedding 1952")))
        {
            var renamed = await ApiClient.ReadAsync<AlbumDto>(rename, HttpStatusCode.OK);
            Assert.Equal("Wedding 1952", renamed.Name);
            Assert.True(renamed.UpdatedAt >= created.UpdatedAt);
        }
        Assert.Equal("Wedding 1952", (await client.Http.GetFromJsonAsync<AlbumDto>($"/api/albums/{created.Id}"))!.Name);
    }

    [Fact]
    public async Task Album_names_that_cannot_be_used_are_refused_saying_why()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();

        using (var empty = await client.Http.PostAsJsonAsync("/api/albums", new CreateAlbumRequest("   ")))
        {
            Assert.Contains("Give the album a name", (await ApiClient.ProblemAsync(empty, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
        using (var tooLong = await client.Http.PostAsJsonAsync("/api/albums", new CreateAlbumRequest(new string('x', 201))))
        {
            Assert.Equal("Album names can be at most 200 characters long; this one has 201.", (await ApiClient.ProblemAsync(tooLong, HttpStatusCode.BadRequest)).Detail);
        }
        using (var control = await client.Http.PutAsJsonAsync($"/api/albums/{album.Id}", new RenameAlbumRequest("two\nlines")))
        {
            Assert.Contains("control characters", (await ApiClient.ProblemAsync(control, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
        Assert.Equal("Family", (await client.Http.GetFromJsonAsync<AlbumDto>($"/api/albums/{album.Id}"))!.Name);
    }

    [Fact]
    public async Task An_album_counts_its_photos_by_the_state_of_their_latest_job_and_shows_the_newest_as_cover()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        var older = await client.UploadPhotoAsync(album.Id, "older.jpg", TestImages.Jpeg(40, 40, seed: 40));
        var newer = await client.UploadPhotoAsync(album.Id, "newer.jpg", TestImages.Jpeg(40, 40, seed: 41));
        using (var cancel = await client.Http.PostAsync(new Uri($"/api/jobs/{older.LatestJob!.Id}/cancel", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        var listed = (await client.Http.GetFromJsonAsync<AlbumDto>($"/api/albums/{album.Id}"))!;

        Assert.Equal(2, listed.PhotoCount);
        Assert.Equal(new PhotoStatusCounts(NotStarted: 0, Queued: 1, Running: 0, Succeeded: 0, Failed: 0, Cancelled: 1), listed.StatusCounts);
        Assert.Equal(newer.ThumbnailUrl, listed.CoverThumbnailUrl);
    }

    [Fact]
    public async Task Deleting_an_album_removes_its_photos_and_blobs()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        var kept = await client.CreateAlbumAsync("Kept");
        var photo = await client.UploadPhotoAsync(album.Id, "gone.jpg", TestImages.Jpeg(40, 40, seed: 42));
        var stays = await client.UploadPhotoAsync(kept.Id, "stays.jpg", TestImages.Jpeg(40, 40, seed: 43));
        Assert.NotEmpty(await server.BlobNamesAsync($"originals/{photo.Id:N}"));

        using (var delete = await client.Http.DeleteAsync(new Uri($"/api/albums/{album.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var gone = await client.Http.GetAsync(new Uri($"/api/albums/{album.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        using (var photoGone = await client.Http.GetAsync(new Uri($"/api/photos/{photo.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, photoGone.StatusCode);
        }
        using (var jobGone = await client.Http.GetAsync(new Uri($"/api/jobs/{photo.LatestJob!.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, jobGone.StatusCode);
        }
        Assert.Empty(await server.BlobNamesAsync($"originals/{photo.Id:N}"));
        Assert.Empty(await server.BlobNamesAsync($"thumbnails/{photo.Id:N}"));
        Assert.NotEmpty(await server.BlobNamesAsync($"originals/{stays.Id:N}"));
        Assert.Equal([kept.Id], (await client.Http.GetFromJsonAsync<AlbumDto[]>("/api/albums"))!.Select(a => a.Id));
    }
}
