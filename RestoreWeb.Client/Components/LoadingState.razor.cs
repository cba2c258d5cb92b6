using Microsoft.AspNetCore.Components;

namespace RestoreWeb.Client.Components;

/// <summary>What a page shows while prerendered on the server or while its data is on the way.</summary>
public partial class LoadingState
{
    [Parameter]
    public string Text { get; set; } = "Loading…";
}
