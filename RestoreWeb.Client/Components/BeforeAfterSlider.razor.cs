using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace RestoreWeb.Client.Components;

/// <summary>
/// The original and the restored photo on top of each other, split by a line: left of it the original, right of it
/// the restoration. Dragged with any pointer, or moved with the keyboard as an ARIA slider (arrows 5 %, Page Up/Down
/// 25 %, Home/End to the ends).
/// </summary>
public sealed partial class BeforeAfterSlider : IAsyncDisposable
{
    public const double KeyStep = 5;
    public const double PageStep = 25;
    public const string ModulePath = "./js/beforeAfterSlider.js";

    private ElementReference _frame;
    private IJSObjectReference? _module;
    private ElementRect _dragRect;
    private bool _dragging;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public string BeforeUrl { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string AfterUrl { get; set; } = string.Empty;

    [Parameter]
    public string BeforeLabel { get; set; } = "Original";

    [Parameter]
    public string AfterLabel { get; set; } = "Restored";

    [Parameter]
    public string AriaLabel { get; set; } = "Divide between original and restored photo";

    /// <summary>Where the dividing line is, in percent of the width from the left.</summary>
    [Parameter]
    public double Position { get; set; } = 50;

    [Parameter]
    public EventCallback<double> PositionChanged { get; set; }

    private int ValueNow => (int)Math.Round(Position, MidpointRounding.AwayFromZero);

    private string ValueText => string.Create(CultureInfo.InvariantCulture, $"{ValueNow} % original, {100 - ValueNow} % restored");

    private string BeforeClip => string.Create(CultureInfo.InvariantCulture, $"clip-path: inset(0 {100 - Position:0.###}% 0 0)");

    private string HandleLeft => string.Create(CultureInfo.InvariantCulture, $"left: {Position:0.###}%");

    /// <summary>The position a pointer at <paramref name="clientX"/> asks for over an element at <paramref name="rect"/>; clamped to the ends.</summary>
    public static double PositionAt(double clientX, ElementRect rect) =>
        rect.Width <= 0 ? 50 : Math.Clamp((clientX - rect.Left) / rect.Width * 100, 0, 100);

    /// <summary>The position a key moves to, or null for keys the slider leaves alone (Tab must still leave it).</summary>
    public static double? PositionAfterKey(double position, string key) => key switch
    {
        "ArrowLeft" or "ArrowDown" => Math.Max(0, position - KeyStep),
        "ArrowRight" or "ArrowUp" => Math.Min(100, position + KeyStep),
        "PageDown" => Math.Max(0, position - PageStep),
        "PageUp" => Math.Min(100, position + PageStep),
        "Home" => 0,
        "End" => 100,
        _ => null,
    };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            await _module.InvokeVoidAsync("attach", _frame);
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (PositionAfterKey(Position, e.Key) is { } next)
        {
            await MoveToAsync(next);
        }
    }

    private async Task OnPointerDownAsync(PointerEventArgs e)
    {
        if (_module is null || (e.PointerType == "mouse" && e.Button != 0))
        {
            return;
        }
        // Measured once per drag: the frame does not move while it is being dragged.
        _dragRect = await _module.InvokeAsync<ElementRect>("measure", _frame);
        _dragging = true;
        await _module.InvokeVoidAsync("capture", _frame, e.PointerId);
        await MoveToAsync(PositionAt(e.ClientX, _dragRect));
    }

    private async Task OnPointerMoveAsync(PointerEventArgs e)
    {
        if (_dragging)
        {
            await MoveToAsync(PositionAt(e.ClientX, _dragRect));
        }
    }

    private void EndDrag() => _dragging = false;

    private async Task MoveToAsync(double position)
    {
        if (position.Equals(Position))
        {
            return;
        }
        Position = position;
        await PositionChanged.InvokeAsync(position);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is going away with the runtime; the module goes with it.
            }
        }
    }
}
