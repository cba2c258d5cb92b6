using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Components;

/// <summary>A photo's restoration at a glance: its state, with the queue position or progress while it waits or runs.</summary>
public partial class JobStatusChip
{
    /// <summary>The photo's latest job; null when it was never restored.</summary>
    [Parameter]
    public JobDto? Job { get; set; }

    [Parameter]
    public Size Size { get; set; } = Size.Small;

    private string Text => Job switch
    {
        { State: JobState.Queued, QueuePosition: { } position } => string.Create(CultureInfo.CurrentCulture, $"Queued · #{position}"),
        { State: JobState.Running } running => string.Create(CultureInfo.CurrentCulture, $"Restoring · {running.Progress:P0}"),
        _ => JobStates.Label(Job?.State),
    };
}
