using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages;

/// <summary>
/// One photo: before and after, zoom, the latest restoration's details with live progress, and what can be done
/// with it (cancel, retry, restore again with other options, correct the scratch mask, download).
/// </summary>
public sealed partial class PhotoPage : IAsyncDisposable
{
    /// <summary>Formats every current browser draws in an img element; TIFF is the common one that is not.</summary>
    private static readonly HashSet<string> BrowserFormats = new(StringComparer.OrdinalIgnoreCase) { "JPEG", "PNG", "WebP", "BMP", "GIF" };

    private PhotoDto? _photo;
    private string? _albumName;

    /// <summary>Newest first, as the server lists them; the first is the photo's latest restoration.</summary>
    private List<JobDto>? _jobs;
    private string? _loadError;
    private JobPoller? _poller;
    private bool _busy;
    private bool _editingMask;
    private int _zoom = 1;
    private double _split = 50;
    private bool _repairScratches;
    private bool _detectScratches = true;
    private bool _stretchContrast;

    [Inject]
    private PhotosClient Photos { get; set; } = default!;

    [Inject]
    private AlbumsClient Albums { get; set; } = default!;

    [Inject]
    private JobsClient Jobs { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Parameter]
    public Guid PhotoId { get; set; }

    private JobDto? Latest => _jobs is { Count: > 0 } jobs ? jobs[0] : null;

    /// <summary>The newest restoration with a result: the comparison keeps showing it while a re-run is under way.</summary>
    private JobDto? ResultJob => _jobs?.Find(j => j.ResultUrl is not null);

    private string? MaskUrl => _jobs?.Find(j => j.MaskUrl is not null)?.MaskUrl;

    private bool BrowserCanShowOriginal => _photo is not null && BrowserFormats.Contains(_photo.Format);

    private string BeforeUrl => BrowserCanShowOriginal ? _photo!.OriginalUrl : _photo!.ThumbnailUrl;

    private string ZoomWidth => string.Create(CultureInfo.InvariantCulture, $"width: {_zoom * 100}%");

    private string ViewerCaption => ResultJob is null
        ? "The original. The restored photo appears here when its restoration is done."
        : "Drag the line, or focus it and use the arrow keys, to compare the original (left) with the restoration (right).";

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Albums", "albums"),
        new(_albumName ?? "Album", _photo is null ? null : $"albums/{_photo.AlbumId}", disabled: _photo is null),
        new(_photo?.FileName ?? "Photo", null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive || _photo?.Id == PhotoId)
        {
            return;
        }
        await StopPollingAsync();
        _photo = null;
        _jobs = null;
        _loadError = null;
        _editingMask = false;
        try
        {
            var photo = Photos.GetAsync(PhotoId);
            var jobs = Jobs.ListForPhotoAsync(PhotoId);
            _photo = await photo;
            _jobs = [.. (await jobs).OrderByDescending(j => j.CreatedAt)];
        }
        catch (ApiException e)
        {
            _loadError = e.Message;
            return;
        }
        var options = Latest?.Options ?? new JobOptionsDto();
        (_repairScratches, _detectScratches, _stretchContrast) = (options.RepairScratches, options.DetectScratches, options.StretchContrast);
        _poller = new JobPoller(Jobs, Clock, ApplyChangesAsync, () => Latest.IsActive(), ReportPollFailureAsync);
        StartPollingIfActive();
        await LoadAlbumNameAsync(_photo.AlbumId);
    }

    private async Task LoadAlbumNameAsync(Guid albumId)
    {
        try
        {
            _albumName = (await Albums.GetAsync(albumId)).Name;
        }
        catch (ApiException)
        {
            // Only the breadcrumb needs it; "Album" stands in.
        }
    }

    private void StartPollingIfActive()
    {
        if (Latest is { } latest && latest.IsActive())
        {
            _poller?.Start(latest.UpdatedAt);
        }
    }

    private void Upsert(JobDto job)
    {
        if (_jobs is null || job.PhotoId != PhotoId)
        {
            return;
        }
        int index = _jobs.FindIndex(j => j.Id == job.Id);
        if (index < 0)
        {
            _jobs.Add(job);
            _jobs.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
        }
        else if (JobStates.Supersedes(job, _jobs[index]))
        {
            _jobs[index] = job;
        }
    }

    private Task ApplyChangesAsync(IReadOnlyList<JobDto> jobs) => InvokeAsync(() =>
    {
        foreach (var job in jobs.Reverse())
        {
            Upsert(job);
        }
        StateHasChanged();
    });

    private Task ReportPollFailureAsync(ApiException problem) => InvokeAsync(() =>
        Snackbar.Add($"Live progress paused: {problem.Message}", Severity.Warning));

    private Task CancelAsync() => RunJobActionAsync(() => Jobs.CancelAsync(Latest!.Id), "The restoration was cancelled.");

    private Task RetryAsync() => RunJobActionAsync(() => Jobs.RetryAsync(Latest!.Id), "The restoration is queued again.");

    private Task RerunAsync() => RunJobActionAsync(
        () => Jobs.StartAsync(PhotoId, new StartJobRequest(_repairScratches, _repairScratches && _detectScratches, _stretchContrast)),
        "A new restoration with these options is queued.");

    private async Task RunJobActionAsync(Func<Task<JobDto>> action, string done)
    {
        _busy = true;
        try
        {
            Upsert(await action());
            StartPollingIfActive();
            Snackbar.Add(done, Severity.Success);
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
        finally
        {
            _busy = false;
        }
    }

    private Task MaskSavedAsync(JobDto job)
    {
        _editingMask = false;
        Upsert(job);
        StartPollingIfActive();
        return Task.CompletedTask;
    }

    private async Task DeleteAsync()
    {
        bool? confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete photo?",
            $"\"{_photo!.FileName}\" will be deleted with all its restorations. This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        _busy = true;
        try
        {
            await Photos.DeleteAsync(PhotoId);
            Snackbar.Add($"\"{_photo.FileName}\" was deleted.", Severity.Success);
            Navigation.NavigateTo($"albums/{_photo.AlbumId}");
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task StopPollingAsync()
    {
        if (_poller is not null)
        {
            await _poller.DisposeAsync();
            _poller = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopPollingAsync());
}
