using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Components;

/// <summary>
/// Corrects a photo's scratch mask: the mask in red over the photo, a brush and an eraser, undo and clear. The strokes
/// are kept here (in photo pixels); wwwroot/js/maskEditor.js only paints them and, on save, renders the white-on-black
/// PNG at the photo's size that the server's mask endpoint takes, which starts a new restoration with it.
/// </summary>
public sealed partial class MaskEditor : IAsyncDisposable
{
    public const string ModulePath = "./js/maskEditor.js";

    private readonly List<MaskStroke> _strokes = [];
    private List<MaskPoint>? _current;
    private ElementRect _strokeRect;
    private ElementReference _canvas;
    private IJSObjectReference? _module;
    private MaskTool _tool = MaskTool.Brush;
    private int _brushSize = 8;
    private bool _detectScratches;
    private bool _ready;
    private bool _saving;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private JobsClient Jobs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The photo whose mask is edited; its pixel size is the mask's.</summary>
    [Parameter, EditorRequired]
    public PhotoDto Photo { get; set; } = default!;

    /// <summary>The picture under the mask: the original where the browser can show it.</summary>
    [Parameter, EditorRequired]
    public string ImageUrl { get; set; } = string.Empty;

    /// <summary>The mask a previous restoration used, to start from; null starts from an empty mask.</summary>
    [Parameter]
    public string? MaskUrl { get; set; }

    /// <summary>The job started with the saved mask.</summary>
    [Parameter]
    public EventCallback<JobDto> OnSaved { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    /// <summary>The edits so far, oldest first; undo removes the last.</summary>
    public IReadOnlyList<MaskStroke> Strokes => _strokes;

    public MaskTool Tool => _tool;

    public int BrushSize => _brushSize;

    /// <summary>A twentieth of the shorter side reaches across any scratch while still fitting between faces.</summary>
    private int MaxBrushSize => Math.Max(16, Math.Min(Photo.Width, Photo.Height) / 20);

    protected override void OnInitialized() =>
        _brushSize = Math.Clamp(Math.Min(Photo.Width, Photo.Height) / 150, 2, MaxBrushSize);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            await _module.InvokeVoidAsync("init", _canvas, Photo.Width, Photo.Height, MaskUrl);
        }
        catch (JSException e)
        {
            // Drawing still works on an empty mask when the previous one cannot be loaded.
            Snackbar.Add($"The previous mask could not be shown ({e.Message}). You can draw a new one.", Severity.Warning);
        }
        _ready = _module is not null;
        StateHasChanged();
    }

    private void SelectTool(MaskTool tool) => _tool = tool;

    private void SetBrushSize(int size) => _brushSize = Math.Clamp(size, 1, MaxBrushSize);

    private async Task OnPointerDownAsync(PointerEventArgs e)
    {
        if (_module is null || _saving || (e.PointerType == "mouse" && e.Button != 0))
        {
            return;
        }
        _strokeRect = await _module.InvokeAsync<ElementRect>("measure", _canvas);
        await _module.InvokeVoidAsync("capture", _canvas, e.PointerId);
        _current = [ToPhoto(e)];
        _strokes.Add(new MaskStroke(_tool, _brushSize, _current));
        await PaintCurrentAsync();
    }

    private async Task OnPointerMoveAsync(PointerEventArgs e)
    {
        if (_current is null)
        {
            return;
        }
        var point = ToPhoto(e);
        if (point == _current[^1])
        {
            return;
        }
        _current.Add(point);
        await PaintCurrentAsync();
    }

    private void EndStroke() => _current = null;

    private Task PaintCurrentAsync() =>
        _module is null ? Task.CompletedTask : _module.InvokeVoidAsync("paintSegment", _canvas, _strokes[^1]).AsTask();

    /// <summary>Viewport pixels to photo pixels: the canvas is shown scaled to the page's width.</summary>
    private MaskPoint ToPhoto(PointerEventArgs e)
    {
        double width = _strokeRect.Width > 0 ? _strokeRect.Width : Photo.Width;
        double height = _strokeRect.Height > 0 ? _strokeRect.Height : Photo.Height;
        double x = Math.Clamp((e.ClientX - _strokeRect.Left) / width * Photo.Width, 0, Photo.Width);
        double y = Math.Clamp((e.ClientY - _strokeRect.Top) / height * Photo.Height, 0, Photo.Height);
        return new MaskPoint(Math.Round(x, 1), Math.Round(y, 1));
    }

    private async Task UndoAsync()
    {
        if (_strokes.Count == 0)
        {
            return;
        }
        _current = null;
        _strokes.RemoveAt(_strokes.Count - 1);
        await RenderAllAsync();
    }

    private async Task ClearAsync()
    {
        _current = null;
        _strokes.Add(new MaskStroke(MaskTool.Clear, 0, []));
        await RenderAllAsync();
    }

    private async Task RenderAllAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("render", _canvas, _strokes);
        }
    }

    private async Task SaveAsync()
    {
        if (_module is null)
        {
            return;
        }
        _saving = true;
        try
        {
            byte[] png = await _module.InvokeAsync<byte[]>("exportPng", _canvas, _strokes);
            var job = await Jobs.PutMaskAsync(Photo.Id, png, _detectScratches);
            Snackbar.Add("Mask saved. The photo is being restored again with it.", Severity.Success);
            await OnSaved.InvokeAsync(job);
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
        catch (JSException e)
        {
            Snackbar.Add($"The mask could not be prepared for saving: {e.Message}", Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }

    private Task CancelAsync() => OnCancel.InvokeAsync();

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
                // The runtime went away first; nothing left to release.
            }
        }
    }
}
