using Microsoft.AspNetCore.Components;
using MudBlazor;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Layout;

public partial class AccountMenu
{
    [Inject]
    private AccountClient Account { get; set; } = default!;

    [Inject]
    private AccountStateProvider AccountState { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task SignOutAsync()
    {
        try
        {
            await Account.LogoutAsync();
        }
        catch (ApiException e) when (!e.IsUnauthorized)
        {
            Snackbar.ShowProblem(e);
            return;
        }
        AccountState.SignedOut();
        Navigation.NavigateTo("");
    }
}
