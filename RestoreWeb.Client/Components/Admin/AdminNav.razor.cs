using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace RestoreWeb.Client.Components.Admin;

/// <summary>Each administration page renders its own bar, so the current page is known when it renders; no navigation events needed.</summary>
public sealed partial class AdminNav
{
    public static readonly IReadOnlyList<(string Key, string Href, string Text, string Icon)> Links =
    [
        ("models", "admin/models", "Models", Icons.Material.Filled.Memory),
        ("compare", "admin/compare", "Compare", Icons.Material.Filled.Compare),
        ("audit", "admin/audit", "Audit log", Icons.Material.Filled.History),
        ("users", "admin/users", "Users", Icons.Material.Filled.People),
        ("queue", "admin/queue", "Queue", Icons.Material.Filled.Queue),
    ];

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool IsCurrent(string href)
    {
        string path = Navigation.ToBaseRelativePath(Navigation.Uri).Split('?', '#')[0].TrimEnd('/');
        // "admin" on its own opens the models page.
        return path.Equals(href, StringComparison.OrdinalIgnoreCase) || (path.Equals("admin", StringComparison.OrdinalIgnoreCase) && href == Links[0].Href);
    }
}
