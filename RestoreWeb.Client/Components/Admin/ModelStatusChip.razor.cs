using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace RestoreWeb.Client.Components.Admin;

/// <summary>A model version's status: Validated, Failed (validation), Archived or Broken.</summary>
public sealed partial class ModelStatusChip
{
    [Parameter, EditorRequired]
    public string Status { get; set; } = string.Empty;

    public static Color ColorOf(string status) => status switch
    {
        "Validated" => Color.Success,
        "Failed" or "Broken" => Color.Error,
        _ => Color.Default,
    };

    private static string IconOf(string status) => status switch
    {
        "Validated" => Icons.Material.Filled.Verified,
        "Failed" => Icons.Material.Filled.ErrorOutline,
        "Broken" => Icons.Material.Filled.BrokenImage,
        "Archived" => Icons.Material.Filled.Archive,
        _ => Icons.Material.Filled.HelpOutline,
    };
}
