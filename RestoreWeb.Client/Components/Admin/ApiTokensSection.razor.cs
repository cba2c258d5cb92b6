using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Components.Admin;

/// <summary>The administrators' API tokens: a new one is shown once, right after it is made, and never again.</summary>
public sealed partial class ApiTokensSection
{
    private List<ApiTokenDto>? _tokens;
    private string? _loadError;
    private string _name = string.Empty;
    private string? _nameError;
    private bool _creating;
    private CreatedTokenDto? _created;

    [Inject]
    private AdminClient Admin { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        try
        {
            _tokens = [.. await Admin.ListTokensAsync()];
        }
        catch (ApiException e)
        {
            _loadError = e.Message;
        }
    }

    private string RegisterCommand(string token) =>
        $"dotnet run --project RestoreWeb.Training -- register --server {Navigation.BaseUri.TrimEnd('/')} --token {token} <package.zip>";

    private async Task CreateAsync()
    {
        string name = _name.Trim();
        if (name.Length == 0)
        {
            _nameError = "Name the token after what will use it, such as \"training machine\".";
            return;
        }
        _nameError = null;
        _creating = true;
        try
        {
            var created = await Admin.CreateTokenAsync(name);
            _created = created;
            _name = string.Empty;
            (_tokens ??= []).Insert(0, new ApiTokenDto(created.Id, created.Name, created.CreatedAt, null));
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
        finally
        {
            _creating = false;
        }
    }

    private async Task CopyAsync(string token)
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", token);
            Snackbar.Add("Copied.", Severity.Success);
        }
        catch (JSException)
        {
            // Clipboard access needs a secure context (HTTPS or localhost) and the page's focus.
            Snackbar.Add("The browser did not allow copying; select the token and copy it yourself.", Severity.Warning);
        }
    }

    private async Task RevokeAsync(ApiTokenDto token)
    {
        bool? confirmed = await Dialogs.ShowMessageBoxAsync(
            "Revoke token?",
            $"Scripts using \"{token.Name}\" will be refused from now on. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        try
        {
            await Admin.RevokeTokenAsync(token.Id);
            _tokens?.RemoveAll(t => t.Id == token.Id);
            if (_created?.Id == token.Id)
            {
                _created = null;
            }
            Snackbar.Add($"\"{token.Name}\" was revoked.", Severity.Success);
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
    }
}
