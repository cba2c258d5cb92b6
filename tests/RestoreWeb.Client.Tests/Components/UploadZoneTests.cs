using System.Net;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RestoreWeb.Client.Components;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Components;

public sealed partial class UploadZoneTests
{
    private const string NotAnImage = "The file is not an image in a format RestoreWeb reads (JPEG, PNG, TIFF, WebP, BMP or GIF), whatever its name says.";

    private static readonly Guid AlbumId = Guid.NewGuid();

    private static string UploadPath => $"/api/albums/{AlbumId}/photos";

    [GeneratedRegex("filename=\"?([^;\"\r\n]+)")]
    private static partial Regex FileNamePattern();

    private static string[] FileNamesIn(RecordedRequest request) =>
        [.. FileNamePattern().Matches(request.BodyText).Select(m => m.Groups[1].Value)];

    /// <summary>Answers each upload as the server would for that file: stored, seen before, or not an image.</summary>
    private static HttpResponseMessage Answer(RecordedRequest request, PhotoDto stored, PhotoDto duplicate) => FileNamesIn(request) switch
    {
        ["a.jpg"] => FakeApi.Json(new UploadResponse([new("a.jpg", UploadOutcome.Stored, stored, null)])),
        ["b.jpg"] => FakeApi.Json(new UploadResponse([new("b.jpg", UploadOutcome.Duplicate, duplicate, null)])),
        _ => FakeApi.Problem(HttpStatusCode.UnsupportedMediaType, NotAnImage, "NotAnImage"),
    };

    private static IRenderedComponent<UploadZone> RenderZone(BunitContext ctx, List<PhotoDto> uploaded) =>
        ctx.Render<UploadZone>(p => p.Add(z => z.AlbumId, AlbumId).Add(z => z.OnUploaded, uploaded.Add));

    private static string StateOf(IRenderedComponent<UploadZone> zone, string fileName) =>
        zone.Find($"[data-upload-item='{fileName}']").GetAttribute("data-upload-state")!;

    [Fact]
    public async Task Several_files_go_up_one_request_each_and_each_shows_its_own_outcome()
    {
        var stored = Dtos.Photo(AlbumId, Dtos.Job(Guid.NewGuid(), AlbumId, JobState.Queued, Dtos.T0), fileName: "a.jpg");
        var duplicate = Dtos.Photo(Guid.NewGuid(), fileName: "b-earlier.jpg");
        var api = new FakeApi().On(HttpMethod.Post, UploadPath, r => Answer(r, stored, duplicate));
        await using var ctx = MudTestContext.Create(api: api);
        var uploaded = new List<PhotoDto>();
        var zone = RenderZone(ctx, uploaded);

        zone.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(new byte[200_000], "a.jpg", contentType: "image/jpeg"),
            InputFileContent.CreateFromBinary(new byte[1_000], "b.jpg", contentType: "image/jpeg"),
            InputFileContent.CreateFromText("shopping list", "c.txt", contentType: "text/plain"));

        zone.WaitForAssertion(() => Assert.Equal("Failed", StateOf(zone, "c.txt")));
        Assert.Equal("Stored", StateOf(zone, "a.jpg"));
        Assert.Equal("Duplicate", StateOf(zone, "b.jpg"));
        Assert.Equal("Already uploaded", zone.Find("[data-upload-item='b.jpg'] [data-upload-status]").TextContent.Trim());
        Assert.Equal($"photos/{duplicate.Id}", zone.Find("[data-upload-item='b.jpg'] a").GetAttribute("href"));
        Assert.Equal(NotAnImage, zone.Find("[data-upload-item='c.txt'] [data-upload-error]").TextContent.Trim());
        var snackbars = ctx.Services.GetRequiredService<ISnackbar>();
        Assert.Contains(snackbars.ShownSnackbars, s => s.Message == $"c.txt: {NotAnImage}" && s.Severity == Severity.Error);

        // Only the newly stored photo joins the album; the duplicate already exists.
        Assert.Equal([stored.Id], uploaded.Select(p => p.Id));

        var requests = api.RequestsTo(HttpMethod.Post, UploadPath);
        Assert.Equal([["a.jpg"], ["b.jpg"], ["c.txt"]], requests.Select(FileNamesIn));
        Assert.All(requests, r => Assert.Equal("multipart/form-data", r.ContentType));
        Assert.Contains("Content-Type: image/jpeg", requests[0].BodyText, StringComparison.Ordinal);
        Assert.True(requests[0].Body.Length > 200_000);
    }

    [Fact]
    public async Task A_file_shows_its_progress_and_the_zone_takes_no_new_files_until_the_server_answers()
    {
        var answer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stored = Dtos.Photo(AlbumId, fileName: "scan.tif");
        var api = new FakeApi().On(HttpMethod.Post, UploadPath, _ => answer.Task);
        await using var ctx = MudTestContext.Create(api: api);
        var uploaded = new List<PhotoDto>();
        var zone = RenderZone(ctx, uploaded);

        // bUnit waits for the change handler to finish, which here waits for the server: let it wait on another thread.
        var input = zone.FindComponent<InputFile>();
        var upload = Task.Run(() => input.UploadFiles(InputFileContent.CreateFromBinary(new byte[300_000], "scan.tif", contentType: "image/tiff")));

        // Every byte is out, and the server has not answered yet.
        zone.WaitForAssertion(() => Assert.Equal("Processing", StateOf(zone, "scan.tif")));
        Assert.Equal("100", zone.Find("[data-upload-item='scan.tif'] [data-upload-progress]").GetAttribute("data-upload-progress"));
        Assert.Equal("Checking and storing…", zone.Find("[data-upload-item='scan.tif'] [data-upload-status]").TextContent.Trim());
        Assert.True(zone.Find("input[type=file]").HasAttribute("disabled"));
        Assert.True(zone.Instance.IsUploading);

        answer.SetResult(FakeApi.Json(new UploadResponse([new("scan.tif", UploadOutcome.Stored, stored, null)])));
        await upload;

        zone.WaitForAssertion(() => Assert.Equal("Stored", StateOf(zone, "scan.tif")));
        Assert.Empty(zone.FindAll("[data-upload-progress]"));
        Assert.False(zone.Find("input[type=file]").HasAttribute("disabled"));
        Assert.Equal([stored.Id], uploaded.Select(p => p.Id));
    }

    [Fact]
    public async Task Unreachable_server_is_reported_for_the_file_and_the_next_file_still_goes()
    {
        var stored = Dtos.Photo(AlbumId, fileName: "a.jpg");
        int calls = 0;
        var api = new FakeApi().On(HttpMethod.Post, UploadPath, _ => Interlocked.Increment(ref calls) == 1
            ? throw new HttpRequestException("Connection refused")
            : FakeApi.Json(new UploadResponse([new("a.jpg", UploadOutcome.Stored, stored, null)])));
        await using var ctx = MudTestContext.Create(api: api);
        var zone = RenderZone(ctx, []);

        zone.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(new byte[10], "first.jpg"),
            InputFileContent.CreateFromBinary(new byte[10], "a.jpg"));

        zone.WaitForAssertion(() => Assert.Equal("Stored", StateOf(zone, "a.jpg")));
        Assert.Equal("Failed", StateOf(zone, "first.jpg"));
        Assert.Contains("could not be reached", zone.Find("[data-upload-item='first.jpg'] [data-upload-error]").TextContent, StringComparison.Ordinal);
    }
}
