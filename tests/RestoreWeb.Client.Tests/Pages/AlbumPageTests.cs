using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Pages;
using RestoreWeb.Client.Services;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Pages;

public sealed class AlbumPageTests
{
    private static readonly Guid AlbumId = Guid.NewGuid();

    private static string ChipState(IRenderedComponent<AlbumPage> page, Guid photoId) =>
        page.Find($"[data-photo='{photoId}'] [data-job-state]").GetAttribute("data-job-state")!;

    private static DateTimeOffset? ChangedSince(RecordedRequest request) =>
        request.Query is { } query && query.StartsWith("changedSince=", StringComparison.Ordinal)
            ? DateTimeOffset.Parse(Uri.UnescapeDataString(query["changedSince=".Length..]), CultureInfo.InvariantCulture)
            : null;

    [Fact]
    public async Task Polled_job_changes_update_the_photo_chip_live_and_polling_stops_when_nothing_is_active()
    {
        var photoId = Guid.NewGuid();
        var jobId = Guid.NewGuid();
        var queued = Dtos.Job(photoId, AlbumId, JobState.Queued, Dtos.T0, id: jobId);
        var running = queued with { State = JobState.Running, Progress = 0.4, QueuePosition = null, UpdatedAt = Dtos.T0.AddSeconds(3) };
        var succeeded = running with { State = JobState.Succeeded, Progress = 1, UpdatedAt = Dtos.T0.AddSeconds(5), ResultUrl = $"/api/jobs/{jobId}/result" };
        var otherAlbumJob = Dtos.Job(Guid.NewGuid(), Guid.NewGuid(), JobState.Running, Dtos.T0.AddSeconds(4));
        var firstCursor = Dtos.T0.AddSeconds(1);
        var polls = new Queue<JobChangesDto>(
        [
            new(firstCursor, [otherAlbumJob, running]),
            // Polls overlap: the running state comes again after the newer one, and must not win.
            new(firstCursor.AddSeconds(2), [succeeded, running]),
        ]);
        var api = new FakeApi()
            .OnGet($"/api/albums/{AlbumId}", Dtos.Album(AlbumId, "Summer 1962", photos: 1))
            .OnGet($"/api/albums/{AlbumId}/photos", new[] { Dtos.Photo(AlbumId, queued) })
            .On(HttpMethod.Get, "/api/jobs", _ => FakeApi.Json(polls.Dequeue()));
        var clock = new PollingClock();
        await using var ctx = MudTestContext.Create(api: api, clock: clock);

        var page = ctx.Render<AlbumPage>(p => p.Add(a => a.AlbumId, AlbumId));
        page.WaitForAssertion(() => Assert.Equal("Queued", ChipState(page, photoId)));
        Assert.Empty(api.RequestsTo(HttpMethod.Get, "/api/jobs"));

        await clock.AdvanceOnceWaitingAsync(1, JobPoller.DefaultInterval);
        page.WaitForAssertion(() => Assert.Equal("Running", ChipState(page, photoId)));
        Assert.Contains("40", page.Find($"[data-photo='{photoId}'] [data-job-state]").TextContent, StringComparison.Ordinal);
        Assert.Equal("1 restoring", page.Find("[data-count-state='Running']").TextContent.Trim());

        await clock.AdvanceOnceWaitingAsync(2, JobPoller.DefaultInterval);
        page.WaitForAssertion(() => Assert.Equal("Succeeded", ChipState(page, photoId)));
        Assert.Equal("1 restored", page.Find("[data-count-state='Succeeded']").TextContent.Trim());
        Assert.Single(page.FindAll("[data-photo]"));

        // The first poll starts from the newest change the page showed; each later one from the server's cursor.
        var requests = api.RequestsTo(HttpMethod.Get, "/api/jobs");
        Assert.Equal([Dtos.T0, firstCursor], requests.Select(ChangedSince));

        // Nothing is queued or running any more: the poller makes no further wait and asks no more.
        await Task.Delay(200);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, clock.TimersCreated);
        Assert.Equal(2, api.RequestsTo(HttpMethod.Get, "/api/jobs").Count);
    }

    [Fact]
    public async Task An_empty_album_says_so_and_a_new_upload_starts_live_progress()
    {
        var photoId = Guid.NewGuid();
        var queued = Dtos.Job(photoId, AlbumId, JobState.Queued, Dtos.T0.AddMinutes(1));
        var stored = Dtos.Photo(AlbumId, queued, fileName: "attic.jpg");
        var api = new FakeApi()
            .OnGet($"/api/albums/{AlbumId}", Dtos.Album(AlbumId))
            .OnGet($"/api/albums/{AlbumId}/photos", Array.Empty<PhotoDto>())
            .On(HttpMethod.Post, $"/api/albums/{AlbumId}/photos", _ => FakeApi.Json(new UploadResponse([new("attic.jpg", UploadOutcome.Stored, stored, null)])))
            .OnGet("/api/jobs", new JobChangesDto(Dtos.T0.AddMinutes(2), [queued with { State = JobState.Running, Progress = 0.5, UpdatedAt = Dtos.T0.AddMinutes(2) }]));
        var clock = new PollingClock();
        await using var ctx = MudTestContext.Create(api: api, clock: clock);

        var page = ctx.Render<AlbumPage>(p => p.Add(a => a.AlbumId, AlbumId));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-empty-state]")));
        Assert.True(page.Find("[data-action='download'] button").HasAttribute("disabled"));
        Assert.Equal(0, clock.TimersCreated);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[64], "attic.jpg", contentType: "image/jpeg"));
        page.WaitForAssertion(() => Assert.Equal("Queued", ChipState(page, photoId)));
        Assert.Empty(page.FindAll("[data-empty-state]"));

        await clock.AdvanceOnceWaitingAsync(1, JobPoller.DefaultInterval);
        page.WaitForAssertion(() => Assert.Equal("Running", ChipState(page, photoId)));
        Assert.Equal(queued.UpdatedAt, ChangedSince(Assert.Single(api.RequestsTo(HttpMethod.Get, "/api/jobs"))));
    }

    [Fact]
    public async Task An_album_that_is_not_yours_shows_the_servers_explanation()
    {
        var api = new FakeApi().On(HttpMethod.Get, $"/api/albums/{AlbumId}",
            _ => FakeApi.Problem(System.Net.HttpStatusCode.NotFound, "This album does not exist or is not yours."));
        await using var ctx = MudTestContext.Create(api: api);

        var page = ctx.Render<AlbumPage>(p => p.Add(a => a.AlbumId, AlbumId));

        page.WaitForAssertion(() => Assert.Equal("This album does not exist or is not yours.", page.Find("[data-error]").TextContent.Trim()));
    }

    [Fact]
    public async Task Prerendering_shows_the_loading_state_without_calling_the_api()
    {
        var api = new FakeApi();
        await using var ctx = MudTestContext.Create("Static", api);

        var page = ctx.Render<AlbumPage>(p => p.Add(a => a.AlbumId, AlbumId));

        Assert.Contains("Loading the album", page.Markup, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }
}
