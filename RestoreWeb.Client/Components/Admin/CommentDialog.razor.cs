using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace RestoreWeb.Client.Components.Admin;

/// <summary>Asks why before an administrative act; the audit log keeps the answer, so an empty one is refused. The result is the trimmed comment.</summary>
public sealed partial class CommentDialog
{
    private string _comment = string.Empty;
    private string? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>What the act does, in a sentence above the comment field.</summary>
    [Parameter]
    public string? Message { get; set; }

    [Parameter]
    public string ConfirmText { get; set; } = "Confirm";

    [Parameter]
    public Color ConfirmColor { get; set; } = Color.Primary;

    /// <summary>Shows the dialog and returns the comment, or null when it was cancelled.</summary>
    public static async Task<string?> AskAsync(IDialogService dialogs, string title, string message, string confirmText, Color confirmColor = Color.Primary)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<CommentDialog>
        {
            { d => d.Message, message },
            { d => d.ConfirmText, confirmText },
            { d => d.ConfirmColor, confirmColor },
        };
        var dialog = await dialogs.ShowAsync<CommentDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string comment } ? comment : null;
    }

    private Task SubmitAsync()
    {
        string comment = _comment.Trim();
        if (comment.Length == 0)
        {
            _error = "Write a comment: say why, for whoever reads the audit log later.";
            return Task.CompletedTask;
        }
        Dialog.Close(DialogResult.Ok(comment));
        return Task.CompletedTask;
    }

    private void Cancel() => Dialog.Cancel();
}
