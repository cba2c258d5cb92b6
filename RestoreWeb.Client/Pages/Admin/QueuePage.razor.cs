using Microsoft.AspNetCore.Components;
using MudBlazor;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages.Admin;

/// <summary>The restore queue at a glance, kept current while the page is open: pause it, retry failures, reprocess photos.</summary>
public sealed partial class QueuePage : IAsyncDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private static readonly string[] StateOrder = ["Queued", "Running", "Succeeded", "Failed", "Cancelled"];

    private readonly CancellationTokenSource _stop = new();
    private Task _polling = Task.CompletedTask;
    private QueueOverviewDto? _overview;
    private int _overviewVersion;
    private string? _loadError;
    private bool _acting;
    private List<AlbumDto> _albums = [];
    private Guid? _reprocessAlbum;
    private ReprocessMode _reprocessMode = ReprocessMode.Missing;
    private bool _repairScratches;
    private bool _reprocessing;
    private ReprocessResultDto? _reprocessed;

    [Inject]
    private AdminClient Admin { get; set; } = default!;

    [Inject]
    private AlbumsClient Albums { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Known states in the order a queue is worked through, then any other the server reports.</summary>
    private IEnumerable<(string State, int Count)> OrderedCounts =>
        _overview!.CountsByState
            .OrderBy(c => Array.IndexOf(StateOrder, c.Key) is var i && i >= 0 ? i : StateOrder.Length)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value));

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        try
        {
            var overview = Admin.QueueAsync();
            var albums = Albums.ListAsync();
            _overview = await overview;
            _albums = [.. await AlbumsOrNoneAsync(albums)];
        }
        catch (ApiException e)
        {
            _loadError = e.Message;
            return;
        }
        _polling = PollAsync(_stop.Token);
    }

    /// <summary>The album choice is a convenience; without it, reprocessing everything still works.</summary>
    private async Task<IReadOnlyList<AlbumDto>> AlbumsOrNoneAsync(Task<IReadOnlyList<AlbumDto>> albums)
    {
        try
        {
            return await albums;
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
            return [];
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        bool failing = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, Clock, cancellationToken);
                int version = _overviewVersion;
                var overview = await Admin.QueueAsync(cancellationToken);
                failing = false;
                await InvokeAsync(() =>
                {
                    // A pause or resume answered while this poll was on its way is newer than what the poll read.
                    if (version == _overviewVersion)
                    {
                        Show(overview);
                        StateHasChanged();
                    }
                });
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiException e)
            {
                if (!failing)
                {
                    failing = true;
                    await InvokeAsync(() => Snackbar.Add($"The queue is not refreshing: {e.Message}", Severity.Warning));
                }
                if (e.IsUnauthorized)
                {
                    return;
                }
            }
        }
    }

    private void Show(QueueOverviewDto overview)
    {
        _overview = overview;
        _overviewVersion++;
    }

    private Task PauseAsync() => ActAsync(async () =>
    {
        Show(await Admin.PauseQueueAsync());
        Snackbar.Add("The queue is paused.", Severity.Info);
    });

    private Task ResumeAsync() => ActAsync(async () =>
    {
        Show(await Admin.ResumeQueueAsync());
        Snackbar.Add("The queue is running again.", Severity.Success);
    });

    private Task RetryFailedAsync() => ActAsync(async () =>
    {
        var result = await Admin.RetryFailedAsync();
        Snackbar.Add(result.Retried switch
        {
            0 => "There were no failed jobs to retry.",
            1 => "1 failed job was queued again.",
            var n => $"{n} failed jobs were queued again.",
        }, result.Retried > 0 ? Severity.Success : Severity.Info);
        Show(await Admin.QueueAsync());
    });

    private async Task ActAsync(Func<Task> act)
    {
        _acting = true;
        try
        {
            await act();
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
        finally
        {
            _acting = false;
        }
    }

    private async Task ReprocessAsync()
    {
        if (_reprocessAlbum is null && _reprocessMode == ReprocessMode.All)
        {
            bool? confirmed = await Dialogs.ShowMessageBoxAsync(
                "Reprocess every photo?",
                "Every photo of every user is restored again with production, including those it restored already. That can keep the workers busy for a long time.",
                yesText: "Reprocess all", cancelText: "Cancel");
            if (confirmed != true)
            {
                return;
            }
        }
        _reprocessing = true;
        _reprocessed = null;
        try
        {
            _reprocessed = await Admin.ReprocessAsync(new ReprocessRequest(_reprocessAlbum, _reprocessMode, _repairScratches));
            Show(await Admin.QueueAsync());
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
        finally
        {
            _reprocessing = false;
        }
    }

    private static Color ColorOf(string state) =>
        Enum.TryParse<JobState>(state, ignoreCase: true, out var known) ? JobStates.ColorOf(known) : Color.Default;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _polling;
        }
        catch (OperationCanceledException)
        {
            // Polling ends by cancellation; nothing else to report at disposal.
        }
        _stop.Dispose();
    }
}
