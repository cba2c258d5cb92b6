using Bunit;
using MudBlazor;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Pages.Admin;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Pages.Admin;

public sealed class ComparePageTests
{
    private static readonly CompareSampleDto Wedding = new("wedding", "A torn wedding portrait", 640, 480);

    private static readonly CompareSampleDto Soldier = new("soldier", "A faded soldier with scratches", 512, 768);

    private static readonly AdminModelVersionDto Production =
        AdminDtos.Model("1.0.0", validation: AdminDtos.Passed(), aliases: [ModelAliasNames.Production]);

    private static readonly AdminModelVersionDto Candidate =
        AdminDtos.Model("1.1.0", validation: AdminDtos.Passed(), aliases: [ModelAliasNames.Candidate], name: "finetuned");

    private static FakeApi Api(params AdminModelVersionDto[] models) => new FakeApi()
        .OnGet("/api/admin/compare/samples", new[] { Wedding, Soldier })
        .OnGet("/api/admin/models", models);

    private static IRenderedComponent<DialogHost> RenderLoaded(BunitContext ctx)
    {
        var page = ctx.Render<DialogHost>(p => p.AddChildContent<ComparePage>());
        page.WaitForElement("[data-sample]");
        return page;
    }

    private static string? Src(IRenderedComponent<DialogHost> page, string kind) => page.Find($"[data-compare='{kind}'] img").GetAttribute("src");

    private static string Caption(IRenderedComponent<DialogHost> page, string kind) =>
        page.Find($"[data-compare='{kind}'] [data-compare-caption]").TextContent.Trim();

    [Fact]
    public async Task Shows_the_first_sample_before_and_as_production_and_candidate_make_it()
    {
        await using var ctx = AdminTestContext.Create(Api(Candidate, Production));

        var page = RenderLoaded(ctx);

        Assert.Equal(["before", "production", "candidate"], page.FindAll("[data-compare]").Select(f => f.GetAttribute("data-compare")));
        Assert.Equal("api/admin/compare/samples/wedding/original.png", Src(page, "before"));
        Assert.Equal($"api/admin/compare/samples/wedding/versions/{Production.Id}.png", Src(page, "production"));
        Assert.Equal($"api/admin/compare/samples/wedding/versions/{Candidate.Id}.png", Src(page, "candidate"));
        Assert.Equal("Production · starter 1.0.0", Caption(page, "production"));
        Assert.Equal("Candidate · finetuned 1.1.0", Caption(page, "candidate"));
        Assert.Contains("A torn wedding portrait", page.Find("[data-sample-description]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-no-candidate]"));
    }

    [Fact]
    public async Task Choosing_another_sample_changes_every_image()
    {
        await using var ctx = AdminTestContext.Create(Api(Candidate, Production));
        var page = RenderLoaded(ctx);

        page.Find("[data-sample='soldier']").Click();

        Assert.Equal("api/admin/compare/samples/soldier/original.png", Src(page, "before"));
        Assert.Equal($"api/admin/compare/samples/soldier/versions/{Production.Id}.png", Src(page, "production"));
        Assert.Equal($"api/admin/compare/samples/soldier/versions/{Candidate.Id}.png", Src(page, "candidate"));
        Assert.Equal("true", page.Find("[data-sample='soldier']").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Without_a_candidate_only_before_and_production_are_shown_and_the_page_says_why()
    {
        await using var ctx = AdminTestContext.Create(Api(Production));

        var page = RenderLoaded(ctx);

        Assert.Equal(["before", "production"], page.FindAll("[data-compare]").Select(f => f.GetAttribute("data-compare")));
        Assert.Contains("No candidate is set", page.Find("[data-no-candidate]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-no-production]"));
    }

    [Fact]
    public async Task One_of_my_photos_is_picked_through_its_album()
    {
        var albumId = Guid.NewGuid();
        var first = Dtos.Photo(albumId, fileName: "grandpa.jpg");
        var second = Dtos.Photo(albumId, fileName: "grandma.jpg");
        var api = Api(Candidate, Production)
            .OnGet("/api/albums", new[] { Dtos.Album(albumId, "Shoebox", photos: 2) })
            .OnGet($"/api/albums/{albumId}/photos", new[] { first, second });
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.FindAll(".mud-toggle-item").First(t => t.TextContent.Contains("My photos", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.Contains("Choose an album", page.Find("[data-pick-photo]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-compare]"));

        var select = page.FindComponent<MudSelect<Guid?>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(albumId));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-photo]").Count));
        Assert.Equal(first.ThumbnailUrl, page.Find($"[data-photo='{first.Id}'] img").GetAttribute("src"));
        Assert.Equal($"api/admin/compare/photos/{first.Id}/original.png", Src(page, "before"));

        page.Find($"[data-photo='{second.Id}']").Click();

        Assert.Equal($"api/admin/compare/photos/{second.Id}/original.png", Src(page, "before"));
        Assert.Equal($"api/admin/compare/photos/{second.Id}/versions/{Production.Id}.png", Src(page, "production"));
        Assert.Equal($"api/admin/compare/photos/{second.Id}/versions/{Candidate.Id}.png", Src(page, "candidate"));
        Assert.Equal("true", page.Find($"[data-photo='{second.Id}']").GetAttribute("aria-pressed"));
    }
}
