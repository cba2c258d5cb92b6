using Microsoft.AspNetCore.Components;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages.Account;

public partial class LoginPage
{
    private string _email = string.Empty;
    private string _password = string.Empty;
    private bool _rememberMe;
    private bool _busy;
    private string? _error;

    [Inject]
    private AccountClient Account { get; set; } = default!;

    [Inject]
    private AccountStateProvider AccountState { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Where the server's cookie middleware or <see cref="Components.RedirectToLogin"/> came from.</summary>
    [SupplyParameterFromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    private async Task SignInAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var account = await Account.LoginAsync(new LoginRequest(_email.Trim(), _password, _rememberMe));
            AccountState.SignedIn(account);
            Navigation.NavigateTo(LocalReturnUrl.OrDefault(ReturnUrl, "albums"));
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
