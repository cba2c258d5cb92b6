using Microsoft.AspNetCore.Components;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Components;

/// <summary>How many photos are in each state, one chip per state that has any.</summary>
public partial class StatusCountChips
{
    [Parameter, EditorRequired]
    public PhotoStatusCounts Counts { get; set; } = new(0, 0, 0, 0, 0, 0);

    private IEnumerable<(JobState? State, int Count)> NonZero =>
        new (JobState? State, int Count)[]
        {
            (JobState.Succeeded, Counts.Succeeded),
            (JobState.Running, Counts.Running),
            (JobState.Queued, Counts.Queued),
            (JobState.Failed, Counts.Failed),
            (JobState.Cancelled, Counts.Cancelled),
            (null, Counts.NotStarted),
        }.Where(c => c.Count > 0);

    /// <summary>The counts of the photos a page holds, kept current by live job updates without asking the server again.</summary>
    public static PhotoStatusCounts Of(IEnumerable<PhotoDto> photos)
    {
        var states = photos.Select(p => p.LatestJob?.State).ToList();
        int Count(JobState state) => states.Count(s => s == state);
        return new PhotoStatusCounts(states.Count(s => s is null), Count(JobState.Queued), Count(JobState.Running),
            Count(JobState.Succeeded), Count(JobState.Failed), Count(JobState.Cancelled));
    }
}
