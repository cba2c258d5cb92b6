using System.Net;
using System.Text.Json;
using Bunit;
using RestoreWeb.Client.Components;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Pages;
using RestoreWeb.Client.Services;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Pages;

public sealed class PhotoPageTests
{
    private static readonly Guid AlbumId = Guid.NewGuid();

    private static readonly Guid PhotoId = Guid.NewGuid();

    private static JobDto Job(JobState state, int minute, double progress = 0) =>
        Dtos.Job(PhotoId, AlbumId, state, Dtos.T0.AddMinutes(minute), progress, createdAt: Dtos.T0.AddMinutes(minute));

    private static FakeApi Api(PhotoDto photo, params JobDto[] jobsNewestFirst) => new FakeApi()
        .OnGet($"/api/photos/{PhotoId}", photo)
        .OnGet($"/api/photos/{PhotoId}/jobs", jobsNewestFirst)
        .OnGet($"/api/albums/{AlbumId}", Dtos.Album(AlbumId, "Summer 1962", photos: 1));

    private static IRenderedComponent<DialogHost> RenderPage(BunitContext ctx)
    {
        var page = ctx.Render<DialogHost>(p => p.AddChildContent<PhotoPage>(c => c.Add(x => x.PhotoId, PhotoId)));
        page.WaitForElement("[data-job], [data-action='rerun']");
        return page;
    }

    private static string LatestState(IRenderedComponent<DialogHost> page) =>
        page.Find("[data-job] [data-job-state]").GetAttribute("data-job-state")!;

    [Fact]
    public async Task A_restored_photo_shows_before_and_after_its_details_and_downloads()
    {
        var restored = Job(JobState.Succeeded, 5) with
        {
            ExecutionProvider = "CPU",
            ExecutionProviderFallback = "CUDA could not be loaded",
            Plan = new JobPlanDto(true, 512, 6, "Over the memory budget of the CPU provider"),
            Timings = new Dictionary<string, double> { ["decode"] = 0.2, ["restore"] = 12.5 },
        };
        var failed = Job(JobState.Failed, 1) with { FailureReason = "The worker stopped." };
        var photo = Dtos.Photo(AlbumId, restored, PhotoId);
        await using var ctx = MudTestContext.Create(api: Api(photo, restored, failed));

        var page = RenderPage(ctx);

        var slider = page.FindComponent<BeforeAfterSlider>();
        Assert.Equal(photo.OriginalUrl, slider.Instance.BeforeUrl);
        Assert.Equal(restored.ResultUrl, slider.Instance.AfterUrl);
        var result = page.Find("[data-action='download-result']");
        Assert.Equal(restored.ResultUrl, result.GetAttribute("href"));
        Assert.True(result.HasAttribute("download"));
        Assert.Equal(photo.OriginalUrl, page.Find("[data-action='download-original']").GetAttribute("href"));
        Assert.Equal("starter 1.0.0", page.Find("[data-detail='model']").TextContent.Trim());
        Assert.Contains("CUDA could not be loaded", page.Find("[data-detail='provider']").TextContent, StringComparison.Ordinal);
        Assert.Contains("6 overlapping tiles of 512 px", page.Find("[data-detail='plan']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Restoring: 12.5 s", page.Find("[data-detail='timings']").TextContent.Replace(',', '.'), StringComparison.Ordinal);
        Assert.Equal("Failed", page.Find(".mud-list [data-job-state]").GetAttribute("data-job-state"));
        Assert.Equal("Summer 1962", page.FindAll(".mud-breadcrumb-item")[1].TextContent.Trim());
    }

    [Fact]
    public async Task A_tiff_original_is_compared_through_its_preview_because_browsers_cannot_show_tiff()
    {
        var restored = Job(JobState.Succeeded, 5);
        var photo = Dtos.Photo(AlbumId, restored, PhotoId) with { Format = "TIFF" };
        await using var ctx = MudTestContext.Create(api: Api(photo, restored));

        var page = RenderPage(ctx);

        Assert.Equal(photo.ThumbnailUrl, page.FindComponent<BeforeAfterSlider>().Instance.BeforeUrl);
        Assert.Contains("Browsers cannot show TIFF files", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_restoration_says_why_and_can_be_tried_again()
    {
        var failed = Job(JobState.Failed, 1) with { FailureReason = "The photo could not be decoded." };
        var api = Api(Dtos.Photo(AlbumId, failed, PhotoId), failed)
            .On(HttpMethod.Post, $"/api/jobs/{failed.Id}/retry", _ => FakeApi.Json(failed with { State = JobState.Queued, FailureReason = null, UpdatedAt = Dtos.T0.AddMinutes(9) }, HttpStatusCode.Accepted));
        await using var ctx = MudTestContext.Create(api: api, clock: new PollingClock());
        var page = RenderPage(ctx);
        Assert.Equal("The photo could not be decoded.", page.Find("[data-detail='failure']").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-action='download-result']"));

        page.Find("[data-action='retry']").Click();

        page.WaitForAssertion(() => Assert.Equal("Queued", LatestState(page)));
        Assert.Single(api.RequestsTo(HttpMethod.Post, $"/api/jobs/{failed.Id}/retry"));
        Assert.Empty(page.FindAll("[data-action='retry']"));
        Assert.Single(page.FindAll("[data-action='cancel']"));
    }

    [Fact]
    public async Task Cancelling_posts_to_the_jobs_cancel_endpoint()
    {
        var running = Job(JobState.Running, 2, 0.3);
        var api = Api(Dtos.Photo(AlbumId, running, PhotoId), running)
            .On(HttpMethod.Post, $"/api/jobs/{running.Id}/cancel", _ => FakeApi.Json(running with { State = JobState.Cancelled, UpdatedAt = Dtos.T0.AddMinutes(3) }));
        await using var ctx = MudTestContext.Create(api: api, clock: new PollingClock());
        var page = RenderPage(ctx);

        page.Find("[data-action='cancel']").Click();

        page.WaitForAssertion(() => Assert.Equal("Cancelled", LatestState(page)));
        Assert.Single(page.FindAll("[data-action='retry']"));
    }

    [Fact]
    public async Task Restoring_again_sends_the_chosen_options_and_lists_the_new_job_first()
    {
        var restored = Job(JobState.Succeeded, 5);
        var rerun = Job(JobState.Queued, 7) with { Options = new JobOptionsDto(true, false, StretchContrast: true) };
        var api = Api(Dtos.Photo(AlbumId, restored, PhotoId), restored)
            .On(HttpMethod.Post, $"/api/photos/{PhotoId}/jobs", _ => FakeApi.Json(rerun, HttpStatusCode.Accepted));
        await using var ctx = MudTestContext.Create(api: api, clock: new PollingClock());
        var page = RenderPage(ctx);

        page.Find("input[data-option='repair']").Change(true);
        page.Find("input[data-option='detect']").Change(false);
        page.Find("input[data-option='stretch']").Change(true);
        page.Find("[data-action='rerun']").Click();

        page.WaitForAssertion(() => Assert.Equal("Queued", LatestState(page)));
        var body = JsonDocument.Parse(Assert.Single(api.RequestsTo(HttpMethod.Post, $"/api/photos/{PhotoId}/jobs")).Body).RootElement;
        Assert.True(body.GetProperty("repairScratches").GetBoolean());
        Assert.False(body.GetProperty("detectScratches").GetBoolean());
        Assert.True(body.GetProperty("stretchContrast").GetBoolean());
        Assert.Contains("contrast stretched", page.Markup, StringComparison.Ordinal);
        // The earlier result stays on show while the new restoration runs.
        Assert.Equal(restored.ResultUrl, page.FindComponent<BeforeAfterSlider>().Instance.AfterUrl);
        Assert.Equal("Succeeded", page.Find(".mud-list [data-job-state]").GetAttribute("data-job-state"));
    }

    [Fact]
    public async Task The_latest_restoration_progresses_live_and_its_result_appears_when_done()
    {
        var queued = Job(JobState.Queued, 1);
        var done = queued with { State = JobState.Succeeded, Progress = 1, UpdatedAt = Dtos.T0.AddMinutes(4), ResultUrl = $"/api/jobs/{queued.Id}/result" };
        var api = Api(Dtos.Photo(AlbumId, queued, PhotoId), queued)
            .OnGet("/api/jobs", new JobChangesDto(Dtos.T0.AddMinutes(4), [done]));
        var clock = new PollingClock();
        await using var ctx = MudTestContext.Create(api: api, clock: clock);
        var page = RenderPage(ctx);
        Assert.Empty(page.FindComponents<BeforeAfterSlider>());

        await clock.AdvanceOnceWaitingAsync(1, JobPoller.DefaultInterval);

        page.WaitForAssertion(() => Assert.Equal("Succeeded", LatestState(page)));
        Assert.Equal(done.ResultUrl, page.FindComponent<BeforeAfterSlider>().Instance.AfterUrl);
    }

    [Fact]
    public async Task The_mask_editor_starts_from_the_latest_restorations_mask()
    {
        var restored = Job(JobState.Succeeded, 5) with { MaskUrl = $"/api/jobs/{Guid.NewGuid()}/mask" };
        await using var ctx = MudTestContext.Create(api: Api(Dtos.Photo(AlbumId, restored, PhotoId), restored));
        var page = RenderPage(ctx);

        page.Find("[data-action='edit-mask']").Click();

        var editor = page.FindComponent<MaskEditor>();
        Assert.Equal(restored.MaskUrl, editor.Instance.MaskUrl);
        Assert.Equal(PhotoId, editor.Instance.Photo.Id);
        Assert.Empty(page.FindComponents<BeforeAfterSlider>());
    }
}
