using Microsoft.AspNetCore.Components;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages.Account;

/// <summary>The page the reset e-mail links to: /reset-password?email=…&amp;token=… (the token exactly as in the link).</summary>
public partial class ResetPasswordPage
{
    private string _password = string.Empty;
    private string _confirm = string.Empty;
    private bool _busy;
    private bool _done;
    private string? _error;

    [Inject]
    private AccountClient Account { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "email")]
    public string? Email { get; set; }

    [SupplyParameterFromQuery(Name = "token")]
    public string? Token { get; set; }

    private async Task ResetAsync()
    {
        if (_password != _confirm)
        {
            _error = "The two passwords are not the same. Type the same password twice.";
            return;
        }
        _busy = true;
        _error = null;
        try
        {
            await Account.ResetPasswordAsync(new ResetPasswordRequest(Email!, Token!, _password));
            _done = true;
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
