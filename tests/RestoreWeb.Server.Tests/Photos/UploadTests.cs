using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Tests.Support;
using SixLabors.ImageSharp;

namespace RestoreWeb.Server.Tests.Photos;

/// <summary>A server that queues jobs without running them, with a 3 MB file limit and at most 8 files per upload.</summary>
public sealed class UploadServerFactory : QueueOnlyServerFactory
{
    public const long MaxFileBytes = 3 * 1024 * 1024;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["RestoreWeb:Uploads:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RestoreWeb:Uploads:MaxFilesPerRequest"] = "8";
    }
}

public sealed class UploadTests(UploadServerFactory server) : IClassFixture<UploadServerFactory>
{
    [Fact]
    public async Task Several_photos_of_every_supported_format_are_stored_untouched_with_thumbnails_and_queued()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        (string Name, byte[] Content, string Format, string Type)[] files =
        [
            ("beach.jpg", TestImages.Jpeg(120, 80, seed: 11), "JPEG", "image/jpeg"),
            ("scan.png", TestImages.Png(100, 60, seed: 12), "PNG", "image/png"),
            ("archive.tif", TestImages.Tiff(90, 70, seed: 13), "TIFF", "image/tiff"),
            ("phone.webp", TestImages.Webp(80, 64, seed: 14), "WebP", "image/webp"),
            ("old.bmp", TestImages.Bmp(72, 48, seed: 15), "BMP", "image/bmp"),
            ("animated.gif", TestImages.Gif(64, 64, seed: 16), "GIF", "image/gif"),
        ];

        var upload = await client.UploadAsync(album.Id, [.. files.Select(f => (f.Name, f.Content))]);

        Assert.Equal(files.Length, upload.Files.Count);
        for (int i = 0; i < files.Length; i++)
        {
            var outcome = upload.Files[i];
            Assert.Equal(UploadOutcome.Stored, outcome.Outcome);
            var photo = outcome.Photo!;
            Assert.Equal(files[i].Name, photo.FileName);
            Assert.Equal(files[i].Format, photo.Format);
            Assert.Equal(TestImages.SizeOf(files[i].Content), (photo.Width, photo.Height));
            Assert.Equal(files[i].Content.Length, photo.SizeBytes);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(files[i].Content)), photo.Sha256);
            Assert.Equal(JobState.Queued, photo.LatestJob!.State);

            using var original = await client.Http.GetAsync(new Uri(photo.OriginalUrl, UriKind.Relative));
            Assert.Equal(files[i].Type, original.Content.Headers.ContentType?.MediaType);
            Assert.Equal(files[i].Name, original.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal(files[i].Content, await original.Content.ReadAsByteArrayAsync());

            using var thumbnail = await client.Http.GetAsync(new Uri(photo.ThumbnailUrl, UriKind.Relative));
            Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TestImages.SizeOf(files[i].Content), TestImages.SizeOf(await thumbnail.Content.ReadAsByteArrayAsync()));
        }

        // Stored under ids, never under the names people chose.
        var originals = await server.BlobNamesAsync("originals/");
        foreach (var outcome in upload.Files)
        {
            Assert.Contains(originals, name => name.StartsWith($"originals/{outcome.Photo!.Id:N}.", StringComparison.Ordinal));
        }
        var listed = (await client.Http.GetFromJsonAsync<PhotoDto[]>($"/api/albums/{album.Id}/photos"))!;
        Assert.Equal(files.Select(f => f.Name), listed.Select(p => p.FileName));
    }

    [Fact]
    public async Task Thumbnails_are_at_most_320_pixels_and_turned_upright()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        // Stored landscape, EXIF orientation 6: upright it is portrait.
        var turned = await client.UploadPhotoAsync(album.Id, "turned.jpg", TestImages.Jpeg(800, 400, seed: 17, orientation: 6));
        var large = await client.UploadPhotoAsync(album.Id, "large.png", TestImages.Png(1000, 600, seed: 18));

        Assert.Equal((400, 800), (turned.Width, turned.Height));
        Assert.Equal((160, 320), TestImages.SizeOf(await client.GetBytesAsync(turned.ThumbnailUrl)));
        Assert.Equal((320, 192), TestImages.SizeOf(await client.GetBytesAsync(large.ThumbnailUrl)));
        using var response = await client.Http.GetAsync(new Uri(large.ThumbnailUrl, UriKind.Relative));
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_file_again_returns_the_existing_photo_and_stores_nothing_but_another_user_gets_their_own()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var first = await client.CreateAlbumAsync("First");
        var second = await client.CreateAlbumAsync("Second");
        byte[] content = TestImages.Jpeg(64, 48, seed: 19);
        var original = await client.UploadPhotoAsync(first.Id, "dad.jpg", content);
        int photos = await server.PhotoCountAsync();
        var blobs = await server.BlobNamesAsync("");

        var again = await client.UploadAsync(second.Id, ("dad (copy).jpg", content), ("dad again.jpg", content));

        Assert.All(again.Files, f =>
        {
            Assert.Equal(UploadOutcome.Duplicate, f.Outcome);
            Assert.Equal(original.Id, f.Photo!.Id);
            Assert.Equal(first.Id, f.Photo.AlbumId);
        });
        Assert.Equal(photos, await server.PhotoCountAsync());
        Assert.Equal(blobs, await server.BlobNamesAsync(""));

        using var other = server.NewClient();
        await other.RegisterAsync();
        var theirs = await other.UploadPhotoAsync((await other.CreateAlbumAsync()).Id, "dad.jpg", content);
        Assert.NotEqual(original.Id, theirs.Id);
    }

    public static TheoryData<string, string, HttpStatusCode, string, string> BadFilesData => new()
    {
        { "empty", "empty.jpg", HttpStatusCode.BadRequest, "Empty", "The file is empty (0 bytes)" },
        { "truncated", "cut.jpg", HttpStatusCode.UnprocessableEntity, "Truncated", "The JPEG file is incomplete" },
        { "text", "notes.jpg", HttpStatusCode.UnsupportedMediaType, "NotAnImage", "not an image in a format RestoreWeb reads" },
        { "heic", "IMG_0001.HEIC", HttpStatusCode.UnsupportedMediaType, "Unsupported", "HEIC is not supported yet" },
        { "bomb", "huge.png", HttpStatusCode.RequestEntityTooLarge, "TooManyPixels", "The image is 60000×60000 pixels (3600 MP); the limit is 50 MP" },
        { "tiny", "icon.png", HttpStatusCode.UnprocessableEntity, "TooSmall", "RestoreWeb needs at least 16 pixels on each side" },
    };

    [Theory]
    [MemberData(nameof(BadFilesData))]
    public async Task A_bad_file_is_refused_with_a_specific_message_and_nothing_is_stored(string kind, string name, HttpStatusCode status, string reason, string message)
    {
        byte[] content = kind switch
        {
            "empty" => [],
            "truncated" => TestImages.Jpeg(200, 150, seed: 20)[..1500],
            "text" => BadFiles.TextRenamedAsJpeg(),
            "heic" => BadFiles.Heic(),
            "bomb" => BadFiles.DecompressionBombPng(),
            "tiny" => TestImages.Png(8, 8, seed: 21),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        int photos = await server.PhotoCountAsync();
        var blobs = await server.BlobNamesAsync("");

        using var response = await client.UploadRawAsync(album.Id, [(name, content)]);

        var problem = await ApiClient.ProblemAsync(response, status);
        Assert.Contains(message, problem.Detail, StringComparison.Ordinal);
        Assert.Equal(reason, problem.Extensions["reason"]?.ToString());
        Assert.Equal(photos, await server.PhotoCountAsync());
        Assert.Equal(blobs, await server.BlobNamesAsync(""));
        AssertNoScratchFilesLeft();
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_as_soon_as_it_passes_the_limit_and_the_whole_upload_is_dropped()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        int photos = await server.PhotoCountAsync();
        long sent = 30L * 1024 * 1024;
        var body = new CountingStream(sent, prefix: TestImages.Jpeg(64, 48, seed: 22));

        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(TestImages.Jpeg(64, 48, seed: 23)), "files", "fine.jpg");
        form.Add(new StreamContent(body), "files", "enormous.jpg");
        using var response = await client.Http.PostAsync(new Uri($"/api/albums/{album.Id}/photos", UriKind.Relative), form);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("'enormous.jpg' is larger than the limit of 3 MB. Nothing from this upload was stored. Upload a smaller scan or a JPEG version of it.", problem.Detail);
        Assert.True(body.BytesRead < sent / 3, $"The server read {body.BytesRead} of {sent} bytes; it should stop soon after the 3 MB limit.");
        Assert.Equal(photos, await server.PhotoCountAsync());
        AssertNoScratchFilesLeft();
    }

    [Fact]
    public async Task A_file_name_with_folders_and_control_characters_is_cleaned_and_never_used_as_a_path()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();

        var photo = await client.UploadPhotoAsync(album.Id, "../../etc/ev\u0001il\u0007\u202Egpj.png", TestImages.Png(32, 32, seed: 24));

        Assert.Equal("evilgpj.png", photo.FileName);
        Assert.Equal([$"originals/{photo.Id:N}.png"], (await server.BlobNamesAsync("originals/")).Where(n => n.Contains($"{photo.Id:N}", StringComparison.Ordinal)));
        using var original = await client.Http.GetAsync(new Uri(photo.OriginalUrl, UriKind.Relative));
        Assert.Equal("evilgpj.png", original.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "etc")));
    }

    [Fact]
    public async Task Good_files_are_stored_even_when_others_in_the_same_upload_are_refused()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();

        var upload = await client.UploadAsync(album.Id, ("good.jpg", TestImages.Jpeg(48, 48, seed: 25)), ("IMG_0002.heic", BadFiles.Heic()));

        Assert.Equal(UploadOutcome.Stored, upload.Files[0].Outcome);
        Assert.Equal(UploadOutcome.Rejected, upload.Files[1].Outcome);
        Assert.Equal("Unsupported", upload.Files[1].Error!.Reason);
        Assert.Equal(415, upload.Files[1].Error!.Status);
        Assert.Null(upload.Files[1].Photo);
        Assert.Single((await client.Http.GetFromJsonAsync<PhotoDto[]>($"/api/albums/{album.Id}/photos"))!);
    }

    [Fact]
    public async Task Requests_that_are_not_photo_uploads_are_refused_with_what_to_send()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();

        using (var json = await client.Http.PostAsJsonAsync($"/api/albums/{album.Id}/photos", new { name = "x" }))
        {
            Assert.Contains("multipart/form-data", (await ApiClient.ProblemAsync(json, HttpStatusCode.UnsupportedMediaType)).Detail, StringComparison.Ordinal);
        }
        using (var noFiles = new MultipartFormDataContent())
        {
            noFiles.Add(new StringContent("hello"), "note");
            using var response = await client.Http.PostAsync(new Uri($"/api/albums/{album.Id}/photos", UriKind.Relative), noFiles);
            Assert.Contains("contained no files", (await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
        using (var tooMany = await client.UploadRawAsync(album.Id, Enumerable.Range(0, 9).Select(i => ($"p{i}.jpg", TestImages.Jpeg(32, 32, seed: 100 + i)))))
        {
            Assert.Contains("At most 8 photos", (await ApiClient.ProblemAsync(tooMany, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
        using (var badFlag = await client.UploadRawAsync(album.Id, [("a.jpg", TestImages.Jpeg(32, 32, seed: 26))], "?repairScratches=maybe"))
        {
            Assert.Contains("repairScratches", (await ApiClient.ProblemAsync(badFlag, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
        Assert.Empty((await client.Http.GetFromJsonAsync<PhotoDto[]>($"/api/albums/{album.Id}/photos"))!);
    }

    [Fact]
    public async Task Queued_jobs_show_their_place_in_the_queue_and_an_estimate_from_recent_throughput()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        // Jobs of other tests in this class may be queued too, so positions are compared relative to each other.
        var upload = await client.UploadAsync(album.Id,
            ("one.jpg", TestImages.Jpeg(40, 40, seed: 27)), ("two.jpg", TestImages.Jpeg(40, 40, seed: 28)), ("three.jpg", TestImages.Jpeg(40, 40, seed: 29)));
        var before = await Task.WhenAll(upload.Files.Select(f => client.GetJobAsync(f.Photo!.LatestJob!.Id)));
        Assert.Equal(before[0].QueuePosition + 1, before[1].QueuePosition);
        Assert.Equal(before[1].QueuePosition + 1, before[2].QueuePosition);
        Assert.All(before, job => Assert.Null(job.EstimatedSecondsRemaining));

        // Recent history: jobs took 10 s each (this server runs no worker, so the history is written directly).
        await server.WithDbAsync(async db =>
        {
            var photo = await db.Photos.FirstAsync(p => p.Id == upload.Files[0].Photo!.Id);
            var now = DateTime.UtcNow;
            db.Jobs.Add(new RestorationJob
            {
                Id = Guid.CreateVersion7(), OwnerId = photo.OwnerId, PhotoId = photo.Id, State = JobState.Succeeded,
                CreatedAt = now, QueuedAt = now, UpdatedAt = now, FinishedAt = now.AddDays(1), DurationSeconds = 10,
            });
            return await db.SaveChangesAsync();
        });
        var after = await Task.WhenAll(upload.Files.Select(f => client.GetJobAsync(f.Photo!.LatestJob!.Id)));
        foreach (var job in after)
        {
            // One worker assumed when none is running: everything ahead, then this one, at 10 s each.
            Assert.Equal(job.QueuePosition!.Value * 10.0, job.EstimatedSecondsRemaining!.Value, precision: 1);
        }
    }

    private void AssertNoScratchFilesLeft()
    {
        string scratch = Path.Combine(server.DataDirectory, "uploads");
        Assert.True(!Directory.Exists(scratch) || Directory.GetFiles(scratch).Length == 0, "Upload scratch files must not outlive their request.");
    }

    /// <summary>A long body generated on the fly that counts how much of it the server pulled.</summary>
    private sealed class CountingStream(long length, byte[] prefix) : Stream
    {
        private long _position;

        public long BytesRead => Interlocked.Read(ref _position);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - _position);
            for (int i = 0; i < n; i++)
            {
                long at = _position + i;
                buffer[offset + i] = at < prefix.Length ? prefix[at] : (byte)(at * 31);
            }
            Interlocked.Add(ref _position, n);
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
