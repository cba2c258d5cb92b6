using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Components.Admin;

/// <summary>One registered model version: what it is, how it scored, and what an administrator can do with it.</summary>
public sealed partial class ModelVersionCard
{
    private bool _expanded;

    [Parameter, EditorRequired]
    public AdminModelVersionDto Model { get; set; } = default!;

    /// <summary>An act on this version is under way: its buttons wait.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Receives the alias to point at this version.</summary>
    [Parameter]
    public EventCallback<string> OnPromote { get; set; }

    [Parameter]
    public EventCallback OnValidate { get; set; }

    [Parameter]
    public EventCallback OnArchive { get; set; }

    [Parameter]
    public EventCallback OnDelete { get; set; }

    /// <summary>Why the version cannot take the alias, or null when it can; the server refuses the same cases.</summary>
    public static string? PromoteBlockReason(AdminModelVersionDto model, string alias)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Validation switch
        {
            null => "it has not been validated; re-validate it first.",
            { Passed: false } => "it failed validation; see the checks below.",
            _ when model.Aliases.Contains(alias) => $"it already is the {alias} version.",
            _ => null,
        };
    }

    private string? DeleteBlockReason =>
        Model.Aliases.Count > 0 ? $"It is the {string.Join(" and ", Model.Aliases)} version; move the alias first."
        : Model.ResultCount > 0 ? "Restorations were made with it; archive it instead."
        : null;

    private string ResultText => Model.ResultCount == 1 ? "1 restoration" : string.Create(CultureInfo.CurrentCulture, $"{Model.ResultCount} restorations");

    private string DetailsLabel => Model.Validation is { } v
        ? string.Create(CultureInfo.CurrentCulture, $"Validation checks ({v.Checks.Count(c => c.Passed)} of {v.Checks.Count} passed)")
        : "Details";

    public static Color AliasColor(string alias) => alias == ModelAliasNames.Production ? Color.Primary : Color.Info;
}
