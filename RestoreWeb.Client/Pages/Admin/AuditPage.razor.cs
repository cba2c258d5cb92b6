using Microsoft.AspNetCore.Components;
using MudBlazor;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages.Admin;

/// <summary>Who moved which alias, or registered, archived or deleted which version, when and why.</summary>
public sealed partial class AuditPage
{
    public const int Take = 200;

    private List<AuditEntryDto>? _entries;
    private string? _loadError;

    [Inject]
    private AdminClient Admin { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        try
        {
            _entries = [.. await Admin.AuditAsync(Take)];
        }
        catch (ApiException e)
        {
            _loadError = e.Message;
        }
    }

    private static string Move(AuditEntryDto entry) => (entry.FromVersion, entry.ToVersion) switch
    {
        (null, null) => "—",
        (null, { } to) => $"→ {to}",
        ({ } from, null) => $"{from} →",
        ({ } from, { } to) => $"{from} → {to}",
    };

    private static Color ActionColor(string action) => action switch
    {
        "promote" => Color.Primary,
        "rollback" => Color.Warning,
        "delete" => Color.Error,
        "register" => Color.Success,
        _ => Color.Default,
    };
}
