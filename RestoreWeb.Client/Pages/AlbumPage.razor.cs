using Microsoft.AspNetCore.Components;
using MudBlazor;
using RestoreWeb.Client.Components;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages;

/// <summary>One album: its photos with live restoration progress, uploading more, and downloading it as a ZIP.</summary>
public sealed partial class AlbumPage : IAsyncDisposable
{
    private AlbumDto? _album;
    private List<PhotoDto>? _photos;
    private string? _loadError;
    private JobPoller? _poller;

    [Inject]
    private AlbumsClient Albums { get; set; } = default!;

    [Inject]
    private PhotosClient Photos { get; set; } = default!;

    [Inject]
    private JobsClient Jobs { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Parameter]
    public Guid AlbumId { get; set; }

    private PhotoStatusCounts Counts => StatusCountChips.Of(_photos ?? []);

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Albums", "albums"),
        new(_album?.Name ?? "Album", null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive || _album?.Id == AlbumId)
        {
            return;
        }
        await StopPollingAsync();
        _album = null;
        _photos = null;
        _loadError = null;
        try
        {
            var album = Albums.GetAsync(AlbumId);
            var photos = Photos.ListInAlbumAsync(AlbumId);
            _album = await album;
            _photos = [.. await photos];
        }
        catch (ApiException e)
        {
            _loadError = e.Message;
            return;
        }
        _poller = new JobPoller(Jobs, Clock, ApplyChangesAsync, HasActiveJobs, ReportPollFailureAsync);
        StartPollingIfActive();
    }

    private bool HasActiveJobs() => _photos?.Exists(p => p.LatestJob.IsActive()) == true;

    private void StartPollingIfActive()
    {
        if (_poller is null || !HasActiveJobs())
        {
            return;
        }
        var newest = _photos!.Where(p => p.LatestJob is not null).Max(p => p.LatestJob!.UpdatedAt);
        _poller.Start(newest);
    }

    private Task AddPhotoAsync(PhotoDto photo)
    {
        if (photo.AlbumId != AlbumId || _photos is null)
        {
            return Task.CompletedTask;
        }
        int index = _photos.FindIndex(p => p.Id == photo.Id);
        if (index >= 0)
        {
            _photos[index] = photo;
        }
        else
        {
            _photos.Add(photo);
        }
        StartPollingIfActive();
        return Task.CompletedTask;
    }

    /// <summary>Applies a poll's jobs to the photos they belong to, oldest change first so the newest wins.</summary>
    private Task ApplyChangesAsync(IReadOnlyList<JobDto> jobs) => InvokeAsync(() =>
    {
        if (_photos is null)
        {
            return;
        }
        bool changed = false;
        foreach (var job in jobs.Reverse().Where(j => j.AlbumId == AlbumId))
        {
            int index = _photos.FindIndex(p => p.Id == job.PhotoId);
            if (index >= 0 && JobStates.Supersedes(job, _photos[index].LatestJob))
            {
                _photos[index] = _photos[index] with { LatestJob = job };
                changed = true;
            }
        }
        if (changed)
        {
            StateHasChanged();
        }
    });

    private Task ReportPollFailureAsync(ApiException problem) => InvokeAsync(() =>
        Snackbar.Add($"Live progress paused: {problem.Message}", Severity.Warning));

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
