using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Components;

/// <summary>
/// Drag-and-drop and file-picker upload into an album. Each file goes up as its own request, one after another, with
/// its own progress bar and its own answer: stored, already uploaded, or refused with the server's reason.
/// </summary>
public sealed partial class UploadZone
{
    /// <summary>The server's own per-request limit; a bigger selection is refused here before anything is sent.</summary>
    public const int MaxFilesPerSelection = 100;

    public const string Accept = "image/jpeg,image/png,image/tiff,image/webp,image/bmp,image/gif,.jpg,.jpeg,.png,.tif,.tiff,.webp,.bmp,.gif";

    private readonly List<UploadItem> _items = [];
    private int _finished;
    private bool _dragging;

    [Inject]
    private PhotosClient Photos { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid AlbumId { get; set; }

    [Parameter]
    public bool Disabled { get; set; }

    /// <summary>Raised for each newly stored photo, whose restoration job is already queued.</summary>
    [Parameter]
    public EventCallback<PhotoDto> OnUploaded { get; set; }

    public IReadOnlyList<UploadItem> Items => _items;

    /// <summary>
    /// A new selection replaces the input's file list in the browser and with it the files not yet read, so the zone
    /// takes no new files until the current ones are sent.
    /// </summary>
    public bool IsUploading => _items.Exists(i => !i.IsFinished);

    private string ZoneClass => "rw-upload-zone" + (_dragging ? " rw-dragging" : string.Empty) + (IsUploading || Disabled ? " rw-disabled" : string.Empty);

    private async Task OnFilesChosenAsync(InputFileChangeEventArgs e)
    {
        _dragging = false;
        if (IsUploading || Disabled)
        {
            return;
        }
        if (e.FileCount > MaxFilesPerSelection)
        {
            Snackbar.Add($"{e.FileCount} files were chosen; at most {MaxFilesPerSelection} can be added at once. Choose fewer and add the rest afterwards.", Severity.Warning);
            return;
        }
        var files = e.GetMultipleFiles(MaxFilesPerSelection);
        _items.RemoveAll(i => i.IsFinished);
        _finished = 0;
        var batch = files.Select(f => (File: f, Item: new UploadItem(f.Name, f.Size))).ToList();
        _items.AddRange(batch.Select(b => b.Item));
        foreach (var (file, item) in batch)
        {
            await UploadAsync(file, item);
            _finished++;
            StateHasChanged();
        }
    }

    private async Task UploadAsync(IBrowserFile file, UploadItem item)
    {
        item.State = UploadItemState.Sending;
        StateHasChanged();
        int shownPercent = 0;
        var progress = new CallbackProgress<long>(sent =>
        {
            item.Sent = sent;
            if (sent >= item.Size)
            {
                item.State = UploadItemState.Processing;
            }
            // One render per whole percent is smooth enough and keeps a large file from flooding the renderer.
            if ((int)item.Percent != shownPercent || item.State == UploadItemState.Processing)
            {
                shownPercent = (int)item.Percent;
                _ = InvokeAsync(StateHasChanged);
            }
        });
        try
        {
            // The server enforces the real size limit with a clear message, so the browser lets any size through.
            await using var content = file.OpenReadStream(maxAllowedSize: Math.Max(1, file.Size));
            var answer = await Photos.UploadAsync(AlbumId, file.Name, file.ContentType, content, file.Size, progress);
            await ShowAnswerAsync(item, answer);
        }
        catch (ApiException error)
        {
            Fail(item, error.Message);
        }
        catch (IOException error)
        {
            // The browser could not read the file (moved, deleted or unreadable since it was chosen).
            Fail(item, $"The file could not be read from your device: {error.Message}");
        }
    }

    private async Task ShowAnswerAsync(UploadItem item, UploadedFileDto answer)
    {
        item.Sent = item.Size;
        item.Photo = answer.Photo;
        switch (answer.Outcome)
        {
            case UploadOutcome.Stored:
                item.State = UploadItemState.Stored;
                if (answer.Photo is not null)
                {
                    await OnUploaded.InvokeAsync(answer.Photo);
                }
                break;
            case UploadOutcome.Duplicate:
                item.State = UploadItemState.Duplicate;
                break;
            default:
                Fail(item, answer.Error?.Detail ?? "The server did not store this file.");
                break;
        }
    }

    private void Fail(UploadItem item, string detail)
    {
        item.State = UploadItemState.Failed;
        item.Error = detail;
        Snackbar.Add($"{item.FileName}: {detail}", Severity.Error);
    }

    private void ClearFinished()
    {
        _items.RemoveAll(i => i.IsFinished);
        _finished = 0;
    }

    private static string StatusOf(UploadItem item) => item.State switch
    {
        UploadItemState.Waiting => "Waiting",
        UploadItemState.Sending => string.Create(CultureInfo.CurrentCulture, $"{(int)item.Percent} %"),
        UploadItemState.Processing => "Checking and storing…",
        UploadItemState.Stored => "Uploaded, queued for restoration",
        UploadItemState.Duplicate => "Already uploaded",
        _ => "Not uploaded",
    };

    private static string IconOf(UploadItem item) => item.State switch
    {
        UploadItemState.Stored => Icons.Material.Filled.CheckCircle,
        UploadItemState.Duplicate => Icons.Material.Filled.ContentCopy,
        UploadItemState.Failed => Icons.Material.Filled.Error,
        _ => Icons.Material.Filled.Upload,
    };

    private static Color ColorOf(UploadItem item) => item.State switch
    {
        UploadItemState.Stored => Color.Success,
        UploadItemState.Duplicate => Color.Info,
        UploadItemState.Failed => Color.Error,
        _ => Color.Default,
    };
}
