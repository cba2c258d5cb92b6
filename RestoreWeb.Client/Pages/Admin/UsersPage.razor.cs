using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using RestoreWeb.Client.Components.Admin;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages.Admin;

/// <summary>Accounts: make or unmake administrators, disable accounts, set upload quotas; and the API tokens for scripts.</summary>
public sealed partial class UsersPage
{
    private readonly HashSet<string> _busy = [];
    private List<AdminUserDto>? _users;
    private string? _loadError;
    private string? _myId;
    private int _generation;

    [Inject]
    private AdminClient Admin { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        if (AuthenticationState is not null)
        {
            _myId = (await AuthenticationState).User.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        }
        try
        {
            _users = [.. await Admin.ListUsersAsync()];
        }
        catch (ApiException e)
        {
            _loadError = e.Message;
        }
    }

    private static bool IsAdmin(AdminUserDto user) => user.Roles.Contains(RoleNames.Admin);

    /// <summary>Nobody can take their own administration away or lock themselves out from here; another administrator can.</summary>
    private bool IsBusyOrMe(AdminUserDto user) => _busy.Contains(user.Id) || user.Id == _myId;

    private static string QuotaText(AdminUserDto user) => user.UploadQuotaBytes is { } own
        ? AdminFormat.Size(own)
        : $"default ({AdminFormat.Size(user.EffectiveQuotaBytes)})";

    private static string UsedText(AdminUserDto user) => user.EffectiveQuotaBytes > 0
        ? string.Create(CultureInfo.CurrentCulture, $"{AdminFormat.Size(user.UsedBytes)} ({user.UsedBytes * 100d / user.EffectiveQuotaBytes:0} %)")
        : AdminFormat.Size(user.UsedBytes);

    private Task SetAdminAsync(AdminUserDto user, bool admin) =>
        UpdateAsync(user, new UpdateUserRequest(IsAdmin: admin), admin ? $"{user.Email} is now an administrator." : $"{user.Email} is no longer an administrator.");

    private Task SetDisabledAsync(AdminUserDto user, bool disabled) =>
        UpdateAsync(user, new UpdateUserRequest(Disabled: disabled), disabled ? $"{user.Email} can no longer sign in." : $"{user.Email} can sign in again.");

    private async Task EditQuotaAsync(AdminUserDto user)
    {
        var parameters = new DialogParameters<QuotaDialog>
        {
            { d => d.Email, user.Email },
            { d => d.QuotaBytes, user.UploadQuotaBytes },
            { d => d.EffectiveQuotaBytes, user.EffectiveQuotaBytes },
        };
        var dialog = await Dialogs.ShowAsync<QuotaDialog>("Upload quota", parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: UpdateUserRequest change })
        {
            await UpdateAsync(user, change, $"The quota of {user.Email} was changed.");
        }
    }

    private async Task UpdateAsync(AdminUserDto user, UpdateUserRequest change, string done)
    {
        _busy.Add(user.Id);
        try
        {
            var updated = await Admin.UpdateUserAsync(user.Id, change);
            int index = _users?.FindIndex(u => u.Id == user.Id) ?? -1;
            if (index >= 0)
            {
                _users![index] = updated;
            }
            Snackbar.Add(done, Severity.Success);
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
            _generation++;
        }
        finally
        {
            _busy.Remove(user.Id);
        }
    }
}
