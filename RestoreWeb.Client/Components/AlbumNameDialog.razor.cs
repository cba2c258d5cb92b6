using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace RestoreWeb.Client.Components;

/// <summary>Asks for an album's name, for creating or renaming; the dialog's result is the trimmed name.</summary>
public partial class AlbumNameDialog
{
    private string _name = string.Empty;
    private string? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    public string InitialName { get; set; } = string.Empty;

    [Parameter]
    public string SubmitText { get; set; } = "Save";

    protected override void OnInitialized() => _name = InitialName;

    private Task SubmitAsync()
    {
        string name = _name.Trim();
        if (name.Length == 0)
        {
            _error = "Give the album a name, such as \"Grandma's wedding\".";
            return Task.CompletedTask;
        }
        Dialog.Close(DialogResult.Ok(name));
        return Task.CompletedTask;
    }

    private void Cancel() => Dialog.Cancel();
}
