using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Components;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Components;

public sealed class MaskEditorTests
{
    /// <summary>A 400×200 photo shown at half size, 10 px from the viewport's left and 20 px from its top.</summary>
    private static readonly ElementRect Canvas = new(10, 20, 200, 100);

    private static readonly Guid AlbumId = Guid.NewGuid();

    private static readonly PhotoDto Photo = Dtos.Photo(AlbumId, width: 400, height: 200);

    private static IRenderedComponent<MaskEditor> RenderEditor(BunitContext ctx, Action<JobDto>? saved = null, byte[]? exported = null)
    {
        var module = ctx.JSInterop.SetupModule(MaskEditor.ModulePath);
        module.Setup<ElementRect>("measure", _ => true).SetResult(Canvas);
        module.Setup<byte[]>("exportPng", _ => true).SetResult(exported ?? [0x89, (byte)'P', (byte)'N', (byte)'G']);
        return ctx.Render<MaskEditor>(p => p
            .Add(e => e.Photo, Photo)
            .Add(e => e.ImageUrl, Photo.OriginalUrl)
            .Add(e => e.MaskUrl, "/api/jobs/1/mask")
            .Add(e => e.OnSaved, job => saved?.Invoke(job)));
    }

    private static async Task DrawAsync(IRenderedComponent<MaskEditor> editor, params (double X, double Y)[] viewportPoints)
    {
        await editor.Find("canvas").PointerDownAsync(new PointerEventArgs
        {
            ClientX = viewportPoints[0].X, ClientY = viewportPoints[0].Y, PointerId = 1, PointerType = "pen",
        });
        foreach (var (x, y) in viewportPoints.Skip(1))
        {
            await editor.Find("canvas").PointerMoveAsync(new PointerEventArgs { ClientX = x, ClientY = y, PointerId = 1 });
        }
        await editor.Find("canvas").PointerUpAsync(new PointerEventArgs { PointerId = 1 });
    }

    [Fact]
    public async Task Starts_the_canvas_at_the_photo_size_with_the_jobs_mask()
    {
        await using var ctx = MudTestContext.Create();

        RenderEditor(ctx);

        var init = Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "init");
        Assert.Equal([400, 200, "/api/jobs/1/mask"], init.Arguments.Skip(1));
    }

    [Fact]
    public async Task Brush_and_eraser_strokes_are_kept_in_photo_pixels()
    {
        await using var ctx = MudTestContext.Create();
        var editor = RenderEditor(ctx);

        await DrawAsync(editor, (60, 45), (110, 70), (110, 70), (300, 500));
        editor.Find("[data-tool=eraser]").Click();
        await DrawAsync(editor, (20, 30));

        Assert.Collection(
            editor.Instance.Strokes,
            brush =>
            {
                Assert.Equal(MaskTool.Brush, brush.Tool);
                Assert.Equal(editor.Instance.BrushSize, brush.Size);
                // Doubled because the canvas is shown at half size; a repeated point is dropped; off-canvas points are clamped.
                Assert.Equal([new(100, 50), new(200, 100), new(400, 200)], brush.Points);
            },
            eraser =>
            {
                Assert.Equal(MaskTool.Eraser, eraser.Tool);
                Assert.Equal([new MaskPoint(20, 20)], eraser.Points);
            });
        // Each new point is painted at once; the canvas is not repainted from scratch while drawing.
        Assert.Equal(4, ctx.JSInterop.Invocations.Count(i => i.Identifier == "paintSegment"));
        Assert.DoesNotContain(ctx.JSInterop.Invocations, i => i.Identifier == "render");
    }

    [Fact]
    public async Task The_size_control_sets_the_diameter_of_later_strokes()
    {
        await using var ctx = MudTestContext.Create();
        var editor = RenderEditor(ctx);
        await DrawAsync(editor, (60, 45));
        double before = editor.Instance.BrushSize;

        editor.Find("input[type=range]").Input("12");
        await DrawAsync(editor, (70, 45));

        Assert.Equal(12, editor.Instance.BrushSize);
        Assert.Equal("12 px", editor.Find("[data-brush-size]").TextContent.Trim());
        Assert.Equal([before, 12], editor.Instance.Strokes.Select(s => s.Size));
    }

    [Fact]
    public async Task Undo_takes_back_the_last_edit_and_clear_is_an_edit_undo_can_take_back()
    {
        await using var ctx = MudTestContext.Create();
        var editor = RenderEditor(ctx);
        await DrawAsync(editor, (60, 45), (70, 45));
        await DrawAsync(editor, (80, 45));

        editor.Find("[data-action=undo]").Click();
        Assert.Single(editor.Instance.Strokes);

        editor.Find("[data-action=clear]").Click();
        Assert.Equal([MaskTool.Brush, MaskTool.Clear], editor.Instance.Strokes.Select(s => s.Tool));

        editor.Find("[data-action=undo]").Click();
        Assert.Equal([MaskTool.Brush], editor.Instance.Strokes.Select(s => s.Tool));

        editor.Find("[data-action=undo]").Click();
        Assert.Empty(editor.Instance.Strokes);
        Assert.True(editor.Find("[data-action=undo]").HasAttribute("disabled"));

        // Every undo and clear repaints the whole mask from the remaining edits.
        Assert.Equal(4, ctx.JSInterop.Invocations.Count(i => i.Identifier == "render"));
    }

    [Fact]
    public async Task Save_puts_the_exported_png_to_the_photos_mask_endpoint_and_reports_the_new_job()
    {
        var job = Dtos.Job(Photo.Id, AlbumId, JobState.Queued, Dtos.T0) with { HasUserMask = true };
        var api = new FakeApi().On(HttpMethod.Put, $"/api/photos/{Photo.Id}/mask", _ => FakeApi.Json(job, HttpStatusCode.Accepted));
        await using var ctx = MudTestContext.Create(api: api);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        JobDto? saved = null;
        var editor = RenderEditor(ctx, j => saved = j, png);
        await DrawAsync(editor, (60, 45), (110, 70));

        editor.Find("[data-action=save]").Click();

        editor.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.Equal(job.Id, saved!.Id);
        // The antiforgery token first, then the mask with it.
        var request = Assert.Single(api.Requests, r => r.Method != HttpMethod.Get);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal($"/api/photos/{Photo.Id}/mask", request.PathAndQuery);
        Assert.Equal(FakeApi.AntiforgeryToken, request.AntiforgeryToken);
        Assert.Equal("image/png", request.ContentType);
        Assert.Equal(png, request.Body);
        var export = Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "exportPng");
        Assert.Same(editor.Instance.Strokes, export.Arguments[1]);
    }

    [Fact]
    public async Task Asking_for_detected_scratches_too_adds_the_query_the_server_reads()
    {
        var api = new FakeApi().On(HttpMethod.Put, $"/api/photos/{Photo.Id}/mask",
            _ => FakeApi.Json(Dtos.Job(Photo.Id, AlbumId, JobState.Queued, Dtos.T0), HttpStatusCode.Accepted));
        await using var ctx = MudTestContext.Create(api: api);
        var editor = RenderEditor(ctx);

        editor.Find("input[type=checkbox]").Change(true);
        editor.Find("[data-action=save]").Click();

        editor.WaitForAssertion(() => Assert.Equal("detectScratches=true", Assert.Single(api.Requests, r => r.Method == HttpMethod.Put).Query));
    }

    [Fact]
    public async Task A_refused_mask_shows_the_servers_reason()
    {
        const string Detail = "The mask is 10×10 pixels but the photo is 400×200. Draw the mask over the upright photo at its full size.";
        var api = new FakeApi().On(HttpMethod.Put, $"/api/photos/{Photo.Id}/mask", _ => FakeApi.Problem(HttpStatusCode.BadRequest, Detail));
        await using var ctx = MudTestContext.Create(api: api);
        JobDto? saved = null;
        var editor = RenderEditor(ctx, j => saved = j);

        editor.Find("[data-action=save]").Click();

        var snackbars = ctx.Services.GetRequiredService<MudBlazor.ISnackbar>();
        editor.WaitForAssertion(() => Assert.Contains(snackbars.ShownSnackbars, s => s.Message == Detail));
        Assert.Null(saved);
        Assert.False(editor.Find("[data-action=save]").HasAttribute("disabled"));
    }
}
