using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace RestoreWeb.Client.Components;

/// <summary>An empty list says what would be here and how to get it there.</summary>
public partial class EmptyState
{
    [Parameter]
    public string Icon { get; set; } = Icons.Material.Filled.Inbox;

    [Parameter, EditorRequired]
    public string Title { get; set; } = string.Empty;

    [Parameter]
    public string? Text { get; set; }

    /// <summary>The action that fills the empty place, such as a button.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }
}
