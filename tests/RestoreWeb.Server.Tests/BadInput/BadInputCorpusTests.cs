using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Admin;
using RestoreWeb.Server.Tests.Support;
using SixLabors.ImageSharp;

namespace RestoreWeb.Server.Tests.BadInput;

/// <summary>A server with a worker, a 3 MB file limit and at most 8 files per upload; its first account (an administrator) sends the corpus.</summary>
public sealed class CorpusServerFactory : ServerFactory, IAsyncLifetime
{
    public ApiClient Admin { get; private set; } = null!;

    public Guid AlbumId { get; private set; }

    public async Task InitializeAsync()
    {
        Admin = NewClient();
        await Admin.RegisterAsync(ApiClient.NewEmail("admin"));
        AlbumId = (await Admin.CreateAlbumAsync("Corpus")).Id;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["RestoreWeb:Uploads:MaxFileBytes"] = (3 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RestoreWeb:Uploads:MaxFilesPerRequest"] = "8";
    }
}

/// <summary>
/// Every kind of bad input the server must survive, one table: each file is either refused with a specific
/// problem and nothing stored half-way (no photo, job, model, blob or scratch file), or accepted and restored.
/// </summary>
public sealed class BadInputCorpusTests(CorpusServerFactory server) : IClassFixture<CorpusServerFactory>
{
    private const long TwoGigabytes = 2L * 1024 * 1024 * 1024;

    private sealed record Refusal(Func<CorpusServerFactory, Task<HttpResponseMessage>> Send, HttpStatusCode Status, string? Reason, string Detail);

    private static Func<CorpusServerFactory, Task<HttpResponseMessage>> Upload(string name, Func<byte[]> content) =>
        s => s.Admin.UploadRawAsync(s.AlbumId, [(name, content())]);

    private static readonly HugeUploadContent HugeBody = new(TwoGigabytes);

    private static readonly Dictionary<string, Refusal> Refusals = new(StringComparer.Ordinal)
    {
        ["truncated JPEG"] = new(Upload("cut.jpg", () => TestImages.Jpeg(200, 150, seed: 20)[..1500]),
            HttpStatusCode.UnprocessableEntity, "Truncated", "The JPEG file is incomplete"),
        ["zero bytes"] = new(Upload("empty.jpg", () => []), HttpStatusCode.BadRequest, "Empty", "The file is empty (0 bytes)"),
        ["decompression bomb (60000×60000 header)"] = new(Upload("huge.png", BadFiles.DecompressionBombPng),
            HttpStatusCode.RequestEntityTooLarge, "TooManyPixels", "The image is 60000×60000 pixels (3600 MP); the limit is 50 MP"),
        ["HEIC"] = new(Upload("IMG_0001.HEIC", BadFiles.Heic), HttpStatusCode.UnsupportedMediaType, "Unsupported", "HEIC is not supported yet"),
        ["text named .jpg"] = new(Upload("notes.jpg", BadFiles.TextRenamedAsJpeg),
            HttpStatusCode.UnsupportedMediaType, "NotAnImage", "not an image in a format RestoreWeb reads"),
        // Content-Length says 2 GB. Kestrel hands that header to the upload reader, which refuses before reading the
        // body; the in-process test server streams it without the header, so there the 3 MB file limit stops it.
        // Either way the refusal names the 3 MB limit, and only a sliver of the 2 GB is ever sent.
        ["2 GB upload"] = new(s => s.Admin.Http.PostAsync(new Uri($"/api/albums/{s.AlbumId}/photos", UriKind.Relative), HugeBody),
            HttpStatusCode.RequestEntityTooLarge, null, "3 MB"),
        ["corrupt model package"] = new(s => s.Admin.PostPackageAsync(CorpusFiles.CorruptModelPackage(), "broken.zip"),
            HttpStatusCode.BadRequest, null, "zip"),
    };

    public static TheoryData<string> RefusedInputs => [.. Refusals.Keys];

    [Theory]
    [MemberData(nameof(RefusedInputs))]
    public async Task Bad_input_is_refused_with_a_specific_problem_and_nothing_is_stored_half_way(string input)
    {
        var refusal = Refusals[input];
        var before = await SnapshotAsync();

        using var response = await refusal.Send(server);

        var problem = await ApiClient.ProblemAsync(response, refusal.Status);
        Assert.Contains(refusal.Detail, problem.Detail, StringComparison.OrdinalIgnoreCase);
        if (refusal.Reason is not null)
        {
            Assert.Equal(refusal.Reason, problem.Extensions["reason"]?.ToString());
        }
        Assert.Equal(before, await SnapshotAsync());
        if (input == "2 GB upload")
        {
            Assert.True(HugeBody.BytesWritten < 64L * 1024 * 1024, $"The client had to send {HugeBody.BytesWritten} bytes before the refusal.");
        }
    }

    private sealed record Acceptance(string FileName, Func<byte[]> Content, string Format, string StoredName);

    private static readonly Dictionary<string, Acceptance> Acceptances = new(StringComparer.Ordinal)
    {
        // Formats are sniffed from the bytes; the name people gave the file is kept as they gave it.
        ["PNG named .jpg"] = new("scan.jpg", () => TestImages.Png(64, 48, seed: 73), "PNG", "scan.jpg"),
        ["JPEG with a ZIP appended (polyglot)"] = new("holiday.jpg", CorpusFiles.JpegZipPolyglot, "JPEG", "holiday.jpg"),
        ["CMYK JPEG"] = new("print.jpg", CorpusFiles.CmykJpeg, "JPEG", "print.jpg"),
        ["16-bit PNG"] = new("deep.png", () => CorpusFiles.Png16Bit(64, 40), "PNG", "deep.png"),
        ["animated GIF (first frame)"] = new("moving.gif", () => CorpusFiles.AnimatedGif(48, 32), "GIF", "moving.gif"),
        ["JPEG with a 60 kB EXIF block"] = new("exif.jpg", () => CorpusFiles.JpegWithHugeExif(56, 40), "JPEG", "exif.jpg"),
        ["path traversal and control characters in the name"] = new(
            "../../etc/ev\u0001il\u0007\u202Egpj.png", () => TestImages.Png(40, 40, seed: 74), "PNG", "evilgpj.png"),
        ["Windows path to a device name"] = new(
            "C:\\Windows\\..\\NUL\u001F.png", () => TestImages.Png(40, 32, seed: 75), "PNG", "_NUL.png"),
    };

    public static TheoryData<string> AcceptedInputs => [.. Acceptances.Keys];

    [Theory]
    [MemberData(nameof(AcceptedInputs))]
    public async Task Odd_but_usable_input_is_stored_under_a_clean_name_and_restored(string input)
    {
        var acceptance = Acceptances[input];
        byte[] content = acceptance.Content();

        var photo = await server.Admin.UploadPhotoAsync(server.AlbumId, acceptance.FileName, content);

        Assert.Equal(acceptance.Format, photo.Format);
        Assert.Equal(acceptance.StoredName, photo.FileName);
        Assert.Equal([$"originals/{photo.Id:N}.{(acceptance.Format == "JPEG" ? "jpg" : acceptance.Format.ToLowerInvariant())}"],
            (await server.BlobNamesAsync("originals/")).Where(n => n.Contains($"{photo.Id:N}", StringComparison.Ordinal)));
        using (var original = await server.Admin.Http.GetAsync(new Uri(photo.OriginalUrl, UriKind.Relative)))
        {
            // Served byte for byte under the sniffed type, and the browser is told not to guess another.
            Assert.Equal(content, await original.Content.ReadAsByteArrayAsync());
            Assert.Equal($"image/{acceptance.Format.ToLowerInvariant()}", original.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", string.Join(",", original.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(acceptance.StoredName, original.Content.Headers.ContentDisposition?.FileNameStar);
        }

        var job = await server.Admin.WaitUntilFinishedAsync(photo.LatestJob!.Id, TimeSpan.FromMinutes(2));
        Assert.True(job.State == JobState.Succeeded, $"{input}: the job {job.State}: {job.FailureReason}");
        byte[] result = await server.Admin.GetBytesAsync(job.ResultUrl!);
        using var restored = Image.Load(result);
        Assert.Equal((photo.Width, photo.Height), (restored.Width, restored.Height));
        Assert.Equal(1, restored.Frames.Count);
        Assert.DoesNotContain("PK\u0003\u0004", System.Text.Encoding.Latin1.GetString(result), StringComparison.Ordinal);
    }

    private async Task<string> SnapshotAsync()
    {
        var counts = await server.WithDbAsync(async db =>
            $"photos {await db.Photos.CountAsync()}, jobs {await db.Jobs.CountAsync()}, models {await db.ModelVersions.CountAsync()}");
        string scratch = Path.Combine(server.DataDirectory, "uploads");
        int scratchFiles = Directory.Exists(scratch) ? Directory.GetFiles(scratch).Length : 0;
        return $"{counts}, scratch files {scratchFiles}, blobs {string.Join(" ", await server.BlobNamesAsync(""))}";
    }
}
