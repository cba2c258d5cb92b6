using Microsoft.AspNetCore.Components;
using MudBlazor;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Components.Admin;

/// <summary>Sets an account's upload quota in megabytes, or returns it to the server's default; the result is the change to send.</summary>
public sealed partial class QuotaDialog
{
    private bool _useDefault;
    private double? _megabytes;
    private string? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Email { get; set; } = string.Empty;

    /// <summary>The account's own quota; null when the default applies.</summary>
    [Parameter]
    public long? QuotaBytes { get; set; }

    /// <summary>What the account may upload now: its own quota, or the default.</summary>
    [Parameter]
    public long EffectiveQuotaBytes { get; set; }

    protected override void OnInitialized()
    {
        _useDefault = QuotaBytes is null;
        _megabytes = Math.Round((QuotaBytes ?? EffectiveQuotaBytes) / (double)AdminFormat.BytesPerMegabyte, 1);
    }

    private void Submit()
    {
        if (_useDefault)
        {
            Dialog.Close(DialogResult.Ok(new UpdateUserRequest(ClearUploadQuota: true)));
            return;
        }
        if (_megabytes is not { } megabytes || megabytes < 0 || double.IsNaN(megabytes))
        {
            _error = "Give the quota in megabytes, 0 or more.";
            return;
        }
        Dialog.Close(DialogResult.Ok(new UpdateUserRequest(UploadQuotaBytes: (long)Math.Round(megabytes * AdminFormat.BytesPerMegabyte))));
    }

    private void Cancel() => Dialog.Cancel();
}
