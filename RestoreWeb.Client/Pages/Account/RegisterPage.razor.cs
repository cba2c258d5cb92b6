using Microsoft.AspNetCore.Components;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages.Account;

public partial class RegisterPage
{
    private string _email = string.Empty;
    private string _password = string.Empty;
    private string _confirm = string.Empty;
    private bool _busy;
    private string? _error;

    [Inject]
    private AccountClient Account { get; set; } = default!;

    [Inject]
    private AccountStateProvider AccountState { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private async Task RegisterAsync()
    {
        // The one check the server cannot make: it never sees the second copy.
        if (_password != _confirm)
        {
            _error = "The two passwords are not the same. Type the same password twice.";
            return;
        }
        _busy = true;
        _error = null;
        try
        {
            var account = await Account.RegisterAsync(new RegisterRequest(_email.Trim(), _password));
            AccountState.SignedIn(account);
            Navigation.NavigateTo("albums");
        }
        catch (ApiException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
