using Microsoft.AspNetCore.Components;

namespace RestoreWeb.Client.Components;

public partial class RedirectToLogin
{
    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override void OnInitialized()
    {
        string returnUrl = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.NavigateTo("login?returnUrl=" + Uri.EscapeDataString(returnUrl));
    }
}
