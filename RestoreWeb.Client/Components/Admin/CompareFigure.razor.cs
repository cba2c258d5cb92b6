using Microsoft.AspNetCore.Components;

namespace RestoreWeb.Client.Components.Admin;

public sealed partial class CompareFigure
{
    [Parameter, EditorRequired]
    public string Caption { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string Url { get; set; } = string.Empty;

    /// <summary>before, production or candidate.</summary>
    [Parameter, EditorRequired]
    public string Kind { get; set; } = string.Empty;
}
