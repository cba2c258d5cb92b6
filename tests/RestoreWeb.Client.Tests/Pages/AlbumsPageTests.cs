using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Pages;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Pages;

public sealed class AlbumsPageTests
{
    private static readonly AlbumDto Shoebox = Dtos.Album(Guid.NewGuid(), "Grandma's shoebox", photos: 3, new PhotoStatusCounts(0, 1, 0, 2, 0, 0));

    private static readonly AlbumDto Wedding = Dtos.Album(Guid.NewGuid(), "Wedding 1952");

    private static IRenderedComponent<DialogHost> RenderPage(BunitContext ctx) =>
        ctx.Render<DialogHost>(p => p.AddChildContent<AlbumsPage>());

    private static void OpenCardMenu(IRenderedComponent<DialogHost> page, AlbumDto album, string action)
    {
        page.Find($"[data-album='{album.Id}'] .mud-menu button").Click();
        page.WaitForElement($"[data-action='{action}']").Click();
    }

    private static void ClickButton(IRenderedComponent<DialogHost> page, string text) =>
        page.WaitForAssertion(() => page.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == text).Click());

    [Fact]
    public async Task Lists_albums_with_cover_name_and_counts_by_status()
    {
        var api = new FakeApi().OnGet("/api/albums", new[] { Shoebox, Wedding });
        await using var ctx = MudTestContext.Create(api: api);

        var page = RenderPage(ctx);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-album]").Count));
        Assert.Equal(["Grandma's shoebox", "Wedding 1952"], page.FindAll("[data-album-name]").Select(a => a.TextContent.Trim()));
        Assert.Equal(Shoebox.CoverThumbnailUrl, page.Find($"[data-album='{Shoebox.Id}'] img").GetAttribute("src"));
        Assert.Empty(page.FindAll($"[data-album='{Wedding.Id}'] img"));
        Assert.Equal(["2 restored", "1 queued"], page.FindAll($"[data-album='{Shoebox.Id}'] [data-count-state]").Select(c => c.TextContent.Trim()));
        Assert.Equal($"albums/{Shoebox.Id}", page.Find($"[data-album='{Shoebox.Id}'] [data-album-name]").GetAttribute("href"));
    }

    [Fact]
    public async Task No_albums_shows_an_invitation_to_create_the_first()
    {
        var api = new FakeApi().OnGet("/api/albums", Array.Empty<AlbumDto>());
        await using var ctx = MudTestContext.Create(api: api);

        var page = RenderPage(ctx);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-empty-state]")));
        Assert.Contains("Create your first album", page.Find("[data-empty-state] [data-action='create']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_album_posts_its_name_and_opens_it()
    {
        var created = Dtos.Album(Guid.NewGuid(), "Summer 1962");
        var api = new FakeApi()
            .OnGet("/api/albums", Array.Empty<AlbumDto>())
            .On(HttpMethod.Post, "/api/albums", _ => FakeApi.Json(created, HttpStatusCode.Created));
        await using var ctx = MudTestContext.Create(api: api);
        var page = RenderPage(ctx);
        page.WaitForElement("[data-empty-state] [data-action='create']").Click();

        page.WaitForElement(".mud-dialog input").Input("  Summer 1962 ");
        ClickButton(page, "Create");

        page.WaitForAssertion(() => Assert.EndsWith($"/albums/{created.Id}", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        var post = Assert.Single(api.RequestsTo(HttpMethod.Post, "/api/albums"));
        Assert.Equal("Summer 1962", JsonDocument.Parse(post.Body).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_empty_name_is_refused_in_the_dialog_without_asking_the_server()
    {
        var api = new FakeApi().OnGet("/api/albums", Array.Empty<AlbumDto>());
        await using var ctx = MudTestContext.Create(api: api);
        var page = RenderPage(ctx);
        page.WaitForElement("[data-empty-state] [data-action='create']").Click();

        page.WaitForElement(".mud-dialog input").Input("   ");
        ClickButton(page, "Create");

        page.WaitForAssertion(() => Assert.Contains("Give the album a name", page.Find(".mud-dialog [data-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(api.RequestsTo(HttpMethod.Post, "/api/albums"));
    }

    [Fact]
    public async Task Renaming_puts_the_new_name_and_shows_it()
    {
        var api = new FakeApi()
            .OnGet("/api/albums", new[] { Shoebox, Wedding })
            .On(HttpMethod.Put, $"/api/albums/{Wedding.Id}", r =>
                FakeApi.Json(Wedding with { Name = JsonDocument.Parse(r.Body).RootElement.GetProperty("name").GetString()! }));
        await using var ctx = MudTestContext.Create(api: api);
        var page = RenderPage(ctx);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-album]").Count));

        OpenCardMenu(page, Wedding, "rename");
        var input = page.WaitForElement(".mud-dialog input");
        Assert.Equal("Wedding 1952", input.GetAttribute("value"));
        input.Input("Wedding of Rose and Tom, 1952");
        ClickButton(page, "Rename");

        page.WaitForAssertion(() => Assert.Equal("Wedding of Rose and Tom, 1952",
            page.Find($"[data-album='{Wedding.Id}'] [data-album-name]").TextContent.Trim()));
    }

    [Fact]
    public async Task Deleting_asks_first_and_removes_the_album_only_when_confirmed()
    {
        var api = new FakeApi()
            .OnGet("/api/albums", new[] { Shoebox, Wedding })
            .On(HttpMethod.Delete, $"/api/albums/{Shoebox.Id}", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        await using var ctx = MudTestContext.Create(api: api);
        var page = RenderPage(ctx);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-album]").Count));

        OpenCardMenu(page, Shoebox, "delete");
        page.WaitForAssertion(() => Assert.Contains("its 3 photos", page.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        ClickButton(page, "Cancel");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Empty(api.RequestsTo(HttpMethod.Delete, $"/api/albums/{Shoebox.Id}"));

        OpenCardMenu(page, Shoebox, "delete");
        ClickButton(page, "Delete");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-album]")));
        Assert.Single(api.RequestsTo(HttpMethod.Delete, $"/api/albums/{Shoebox.Id}"));
        Assert.Equal(Wedding.Id.ToString(), page.Find("[data-album]").GetAttribute("data-album"));
    }
}
