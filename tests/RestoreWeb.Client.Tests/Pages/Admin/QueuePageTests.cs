using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Pages.Admin;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Pages.Admin;

public sealed class QueuePageTests
{
    private const string QueuePath = "/api/admin/queue";

    private static readonly AlbumDto Shoebox = Dtos.Album(Guid.NewGuid(), "Shoebox", photos: 4);

    private static FakeApi Api(QueueOverviewDto overview) => new FakeApi()
        .OnGet(QueuePath, overview)
        .OnGet("/api/albums", new[] { Shoebox });

    /// <summary>A clock the test moves by hand, so that the page polls only when told to.</summary>
    private static FakeTimeProvider Clock() => new(Dtos.T0);

    private static IRenderedComponent<DialogHost> RenderLoaded(BunitContext ctx)
    {
        var page = ctx.Render<DialogHost>(p => p.AddChildContent<QueuePage>());
        page.WaitForElement("[data-queue-overview]");
        return page;
    }

    private static string QueueState(IRenderedComponent<DialogHost> page) => page.Find("[data-queue-state]").GetAttribute("data-queue-state")!;

    /// <summary>Moves the clock a poll interval at a time until <paramref name="done"/>: the page's wait may start a moment after the clock moved.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> done)
    {
        for (int i = 0; i < 300 && !done(); i++)
        {
            clock.Advance(QueuePage.PollInterval);
            await Task.Delay(10);
        }
        Assert.True(done(), "The page did not poll.");
    }

    [Fact]
    public async Task Shows_counts_per_state_the_running_state_versions_and_a_plain_link_to_the_dashboard()
    {
        await using var ctx = AdminTestContext.Create(Api(AdminDtos.Queue(paused: false)), Clock());

        var page = RenderLoaded(ctx);

        Assert.Equal(["3 queued", "1 running", "10 succeeded", "2 failed"], page.FindAll("[data-queue-count]").Select(c => c.TextContent.Trim()));
        Assert.Contains("mud-chip-color-error", page.Find("[data-queue-count='Failed']").ClassName, StringComparison.Ordinal);
        Assert.Equal("running", QueueState(page));
        Assert.NotNull(page.Find("[data-testid='queue-pause']"));
        Assert.Empty(page.FindAll("[data-testid='queue-resume']"));
        Assert.Equal("starter 1.0.0", page.Find("[data-version-row]").TextContent.Trim());
        var dashboard = page.Find("[data-testid='hangfire-dashboard']");
        Assert.Equal("/hangfire", dashboard.GetAttribute("href"));
        Assert.Equal("_blank", dashboard.GetAttribute("target"));
    }

    [Fact]
    public async Task Pause_and_resume_post_and_the_page_shows_the_servers_answer()
    {
        var api = Api(AdminDtos.Queue(paused: false))
            .On(HttpMethod.Post, $"{QueuePath}/pause", _ => FakeApi.Json(AdminDtos.Queue(paused: true)))
            .On(HttpMethod.Post, $"{QueuePath}/resume", _ => FakeApi.Json(AdminDtos.Queue(paused: false)));
        await using var ctx = AdminTestContext.Create(api, Clock());
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='queue-pause']").Click();

        page.WaitForAssertion(() => Assert.Equal("paused", QueueState(page)));
        Assert.Single(api.RequestsTo(HttpMethod.Post, $"{QueuePath}/pause"));
        Assert.Empty(page.FindAll("[data-testid='queue-pause']"));

        page.Find("[data-testid='queue-resume']").Click();

        page.WaitForAssertion(() => Assert.Equal("running", QueueState(page)));
        Assert.Single(api.RequestsTo(HttpMethod.Post, $"{QueuePath}/resume"));
        Assert.Single(api.RequestsTo(HttpMethod.Post, $"{QueuePath}/pause"));
    }

    [Fact]
    public async Task Retrying_failed_jobs_posts_and_says_how_many_were_queued_again()
    {
        var api = Api(AdminDtos.Queue(paused: false)).On(HttpMethod.Post, $"{QueuePath}/retry-failed", _ => FakeApi.Json(new RetryFailedResultDto(2)));
        await using var ctx = AdminTestContext.Create(api, Clock());
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='retry-failed']").Click();

        page.WaitForAssertion(() => Assert.Contains("2 failed jobs were queued again.", ctx.Snackbars(Severity.Success)));
        Assert.Single(api.RequestsTo(HttpMethod.Post, $"{QueuePath}/retry-failed"));
        Assert.Equal(2, api.RequestsTo(HttpMethod.Get, QueuePath).Count);
    }

    [Fact]
    public async Task The_overview_is_polled_while_the_page_is_open_and_no_longer_once_it_is_gone()
    {
        var overview = AdminDtos.Queue(paused: false, queued: 3);
        var api = Api(overview);
        api.On(HttpMethod.Get, QueuePath, _ => FakeApi.Json(overview));
        var clock = Clock();
        await using var ctx = AdminTestContext.Create(api, clock);
        var page = RenderLoaded(ctx);
        Assert.Equal("3 queued", page.Find("[data-queue-count='Queued']").TextContent.Trim());

        overview = AdminDtos.Queue(paused: true, queued: 7);
        await AdvanceUntilAsync(clock, () => api.RequestsTo(HttpMethod.Get, QueuePath).Count >= 2);

        page.WaitForAssertion(() => Assert.Equal("7 queued", page.Find("[data-queue-count='Queued']").TextContent.Trim()));
        Assert.Equal("paused", QueueState(page));

        await ctx.DisposeComponentsAsync();
        int polls = api.RequestsTo(HttpMethod.Get, QueuePath).Count;
        for (int i = 0; i < 5; i++)
        {
            clock.Advance(QueuePage.PollInterval);
            await Task.Delay(10);
        }
        Assert.Equal(polls, api.RequestsTo(HttpMethod.Get, QueuePath).Count);
    }

    [Fact]
    public async Task Reprocessing_posts_the_album_and_mode_and_shows_the_result()
    {
        var api = Api(AdminDtos.Queue(paused: false))
            .On(HttpMethod.Post, "/api/admin/reprocess", _ => FakeApi.Json(new ReprocessResultDto(3, 1, Guid.NewGuid(), "starter 1.1.0")));
        await using var ctx = AdminTestContext.Create(api, Clock());
        var page = RenderLoaded(ctx);

        var album = page.FindComponent<MudSelect<Guid?>>();
        await page.InvokeAsync(() => album.Instance.ValueChanged.InvokeAsync(Shoebox.Id));
        var mode = page.FindComponent<MudRadioGroup<ReprocessMode>>();
        await page.InvokeAsync(() => mode.Instance.ValueChanged.InvokeAsync(ReprocessMode.All));
        page.Find("[data-testid='reprocess']").Click();

        page.WaitForAssertion(() => Assert.Equal("Queued 3, skipped 1, with starter 1.1.0.", page.Find("[data-reprocess-result]").TextContent.Trim()));
        var body = JsonDocument.Parse(Assert.Single(api.RequestsTo(HttpMethod.Post, "/api/admin/reprocess")).Body).RootElement;
        Assert.Equal(Shoebox.Id, body.GetProperty("albumId").GetGuid());
        Assert.Equal("All", body.GetProperty("mode").GetString());
        Assert.False(body.GetProperty("repairScratches").GetBoolean());
    }

    [Fact]
    public async Task Reprocessing_every_photo_of_every_user_asks_first_and_sends_no_album()
    {
        var api = Api(AdminDtos.Queue(paused: false))
            .On(HttpMethod.Post, "/api/admin/reprocess", _ => FakeApi.Json(new ReprocessResultDto(40, 0, Guid.NewGuid(), "starter 1.1.0")));
        await using var ctx = AdminTestContext.Create(api, Clock());
        var page = RenderLoaded(ctx);
        var mode = page.FindComponent<MudRadioGroup<ReprocessMode>>();
        await page.InvokeAsync(() => mode.Instance.ValueChanged.InvokeAsync(ReprocessMode.All));

        page.Find("[data-testid='reprocess']").Click();
        page.WaitForAssertion(() => page.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Cancel").Click());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Empty(api.RequestsTo(HttpMethod.Post, "/api/admin/reprocess"));

        page.Find("[data-testid='reprocess']").Click();
        page.WaitForAssertion(() => page.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Reprocess all").Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-reprocess-result]")));
        var body = JsonDocument.Parse(Assert.Single(api.RequestsTo(HttpMethod.Post, "/api/admin/reprocess")).Body).RootElement;
        Assert.Equal(JsonValueKind.Null, body.GetProperty("albumId").ValueKind);
        Assert.Equal("All", body.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task A_refused_pause_shows_the_servers_reason_and_keeps_the_state()
    {
        var api = Api(AdminDtos.Queue(paused: false))
            .On(HttpMethod.Post, $"{QueuePath}/pause", _ => FakeApi.Problem(HttpStatusCode.ServiceUnavailable, "The job storage is not reachable."));
        await using var ctx = AdminTestContext.Create(api, Clock());
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='queue-pause']").Click();

        page.WaitForAssertion(() => Assert.Contains("The job storage is not reachable.", ctx.Snackbars(Severity.Error)));
        Assert.Equal("running", QueueState(page));
        Assert.False(page.Find("[data-testid='queue-pause']").HasAttribute("disabled"));
    }
}
