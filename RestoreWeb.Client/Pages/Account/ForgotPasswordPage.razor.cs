using Microsoft.AspNetCore.Components;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages.Account;

public partial class ForgotPasswordPage
{
    private string _email = string.Empty;
    private bool _busy;
    private bool _sent;
    private string? _error;

    [Inject]
    private AccountClient Account { get; set; } = default!;

    private async Task SendAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            _email = _email.Trim();
            await Account.ForgotPasswordAsync(new ForgotPasswordRequest(_email));
            _sent = true;
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
