using MudBlazor;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Services;

/// <summary>How job states read and look, the same on every page.</summary>
public static class JobStates
{
    public static bool IsActive(this JobState state) => state is JobState.Queued or JobState.Running;

    public static bool IsActive(this JobDto? job) => job is not null && job.State.IsActive();

    public static string Label(JobState? state) => state switch
    {
        null => "Not started",
        JobState.Queued => "Queued",
        JobState.Running => "Restoring",
        JobState.Succeeded => "Restored",
        JobState.Failed => "Failed",
        JobState.Cancelled => "Cancelled",
        _ => state.ToString()!,
    };

    public static Color ColorOf(JobState? state) => state switch
    {
        JobState.Queued => Color.Info,
        JobState.Running => Color.Primary,
        JobState.Succeeded => Color.Success,
        JobState.Failed => Color.Error,
        JobState.Cancelled => Color.Warning,
        _ => Color.Default,
    };

    public static string IconOf(JobState? state) => state switch
    {
        JobState.Queued => Icons.Material.Filled.HourglassEmpty,
        JobState.Running => Icons.Material.Filled.AutoFixHigh,
        JobState.Succeeded => Icons.Material.Filled.CheckCircle,
        JobState.Failed => Icons.Material.Filled.Error,
        JobState.Cancelled => Icons.Material.Filled.Cancel,
        _ => Icons.Material.Filled.RadioButtonUnchecked,
    };

    /// <summary>Whether <paramref name="incoming"/> should replace <paramref name="known"/> as a photo's latest job.</summary>
    /// <remarks>Polls overlap, so the same change can come twice and an older one after a newer one.</remarks>
    public static bool Supersedes(JobDto incoming, JobDto? known)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (known is null)
        {
            return true;
        }
        return incoming.Id == known.Id
            ? incoming.UpdatedAt >= known.UpdatedAt
            : incoming.CreatedAt > known.CreatedAt || (incoming.CreatedAt == known.CreatedAt && incoming.Id.CompareTo(known.Id) > 0);
    }
}
