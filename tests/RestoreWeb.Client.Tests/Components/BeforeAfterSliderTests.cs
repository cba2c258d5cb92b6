using Bunit;
using Microsoft.AspNetCore.Components.Web;
using RestoreWeb.Client.Components;

namespace RestoreWeb.Client.Tests.Components;

public sealed class BeforeAfterSliderTests
{
    /// <summary>The frame as the browser would measure it: 400 px wide, starting 100 px from the viewport's left.</summary>
    private static readonly ElementRect Frame = new(100, 50, 400, 300);

    private static IRenderedComponent<BeforeAfterSlider> RenderSlider(BunitContext ctx, List<double> reported)
    {
        var module = ctx.JSInterop.SetupModule(BeforeAfterSlider.ModulePath);
        module.Setup<ElementRect>("measure", _ => true).SetResult(Frame);
        return ctx.Render<BeforeAfterSlider>(p => p
            .Add(s => s.BeforeUrl, "/api/photos/1/original")
            .Add(s => s.AfterUrl, "/api/jobs/2/result")
            .Add(s => s.PositionChanged, reported.Add));
    }

    private static string ValueNow(IRenderedComponent<BeforeAfterSlider> slider) =>
        slider.Find("[role=slider]").GetAttribute("aria-valuenow")!;

    [Fact]
    public async Task Is_an_accessible_slider_from_0_to_100_starting_in_the_middle()
    {
        await using var ctx = MudTestContext.Create();

        var slider = RenderSlider(ctx, []);

        var frame = slider.Find("[role=slider]");
        Assert.Equal("0", frame.GetAttribute("tabindex"));
        Assert.Equal("0", frame.GetAttribute("aria-valuemin"));
        Assert.Equal("100", frame.GetAttribute("aria-valuemax"));
        Assert.Equal("50", frame.GetAttribute("aria-valuenow"));
        Assert.Equal("50 % original, 50 % restored", frame.GetAttribute("aria-valuetext"));
        Assert.Equal("horizontal", frame.GetAttribute("aria-orientation"));
        Assert.False(string.IsNullOrEmpty(frame.GetAttribute("aria-label")));
        Assert.Equal(["Original", "Restored"], slider.FindAll("img").Select(i => i.GetAttribute("alt")).Order());
        // The module that keeps arrow keys from scrolling the page is attached to this element.
        Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "attach");
    }

    [Fact]
    public async Task Dragging_puts_the_divide_under_the_pointer_and_stops_at_the_edges()
    {
        await using var ctx = MudTestContext.Create();
        var reported = new List<double>();
        var slider = RenderSlider(ctx, reported);
        var frame = slider.Find("[role=slider]");

        await frame.PointerDownAsync(new PointerEventArgs { ClientX = 200, PointerId = 7, PointerType = "mouse", Button = 0 });
        Assert.Equal("25", ValueNow(slider));
        Assert.Contains("inset(0 75% 0 0)", slider.Find(".rw-compare-before").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("left: 25%", slider.Find(".rw-compare-handle").GetAttribute("style"), StringComparison.Ordinal);
        var capture = Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "capture");
        Assert.Equal(7L, Convert.ToInt64(capture.Arguments[1], System.Globalization.CultureInfo.InvariantCulture));

        await slider.Find("[role=slider]").PointerMoveAsync(new PointerEventArgs { ClientX = 430, PointerId = 7 });
        Assert.Equal("83", ValueNow(slider));

        // Captured pointers keep reporting past the frame's edges; the divide stays at the edge.
        await slider.Find("[role=slider]").PointerMoveAsync(new PointerEventArgs { ClientX = 900, PointerId = 7 });
        Assert.Equal("100", ValueNow(slider));
        await slider.Find("[role=slider]").PointerMoveAsync(new PointerEventArgs { ClientX = -40, PointerId = 7 });
        Assert.Equal("0", ValueNow(slider));

        await slider.Find("[role=slider]").PointerUpAsync(new PointerEventArgs { ClientX = -40, PointerId = 7 });
        await slider.Find("[role=slider]").PointerMoveAsync(new PointerEventArgs { ClientX = 300, PointerId = 7 });
        Assert.Equal("0", ValueNow(slider));

        Assert.Equal([25, 82.5, 100, 0], reported);
    }

    [Fact]
    public async Task A_right_click_does_not_move_the_divide()
    {
        await using var ctx = MudTestContext.Create();
        var slider = RenderSlider(ctx, []);

        await slider.Find("[role=slider]").PointerDownAsync(new PointerEventArgs { ClientX = 150, PointerType = "mouse", Button = 2 });
        await slider.Find("[role=slider]").PointerMoveAsync(new PointerEventArgs { ClientX = 160 });

        Assert.Equal("50", ValueNow(slider));
    }

    [Fact]
    public async Task Arrow_keys_move_five_percent_and_home_and_end_jump_to_the_ends()
    {
        await using var ctx = MudTestContext.Create();
        var reported = new List<double>();
        var slider = RenderSlider(ctx, reported);
        async Task<string> Press(string key)
        {
            await slider.Find("[role=slider]").KeyDownAsync(new KeyboardEventArgs { Key = key });
            return ValueNow(slider);
        }

        Assert.Equal("55", await Press("ArrowRight"));
        Assert.Equal("60", await Press("ArrowUp"));
        Assert.Equal("55", await Press("ArrowLeft"));
        Assert.Equal("50", await Press("ArrowDown"));
        Assert.Equal("75", await Press("PageUp"));
        Assert.Equal("100", await Press("End"));
        Assert.Equal("100", await Press("ArrowRight"));
        Assert.Equal("0", await Press("Home"));
        Assert.Equal("0", await Press("ArrowLeft"));
        Assert.Equal("0", await Press("Tab"));
        Assert.Equal("0 % original, 100 % restored", slider.Find("[role=slider]").GetAttribute("aria-valuetext"));

        // Pressing against an end changes nothing, so nothing is reported.
        Assert.Equal([55, 60, 55, 50, 75, 100, 0], reported);
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(300, 50)]
    [InlineData(500, 100)]
    [InlineData(50, 0)]
    [InlineData(650, 100)]
    public void Pointer_position_maps_linearly_across_the_frame(double clientX, double expected) =>
        Assert.Equal(expected, BeforeAfterSlider.PositionAt(clientX, Frame), 6);

    [Fact]
    public void An_unmeasured_frame_leaves_the_divide_in_the_middle() =>
        Assert.Equal(50, BeforeAfterSlider.PositionAt(123, default));
}
