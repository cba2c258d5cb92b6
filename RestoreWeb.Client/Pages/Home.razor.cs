using MudBlazor;

namespace RestoreWeb.Client.Pages;

public partial class Home
{
    private sealed record Step(string Icon, string Title, string Text);

    private static readonly Step[] Steps =
    [
        new(Icons.Material.Filled.CloudUpload, "Upload", "Drop your scans into an album; each one is queued for restoration."),
        new(Icons.Material.Filled.Compare, "Compare", "Slide between before and after, and correct the scratch mask if needed."),
        new(Icons.Material.Filled.Download, "Download", "Take single photos or the whole album at original resolution."),
    ];
}
