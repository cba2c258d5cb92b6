using Microsoft.AspNetCore.Components;
using MudBlazor;
using RestoreWeb.Client.Components;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages;

/// <summary>The signed-in person's albums: create, rename and delete them, and open one.</summary>
public partial class AlbumsPage
{
    private List<AlbumDto>? _albums;
    private string? _loadError;

    [Inject]
    private AlbumsClient Albums { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // Prerendering on the server has no session to call the API with: the loading state shows until the browser takes over.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        try
        {
            _albums = [.. await Albums.ListAsync()];
        }
        catch (ApiException e)
        {
            _loadError = e.Message;
        }
    }

    private async Task CreateAsync()
    {
        if (await AskNameAsync("New album", string.Empty, "Create") is not { } name)
        {
            return;
        }
        try
        {
            var album = await Albums.CreateAsync(name);
            Navigation.NavigateTo($"albums/{album.Id}");
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
    }

    private async Task RenameAsync(AlbumDto album)
    {
        if (await AskNameAsync("Rename album", album.Name, "Rename") is not { } name || name == album.Name)
        {
            return;
        }
        try
        {
            var renamed = await Albums.RenameAsync(album.Id, name);
            Replace(album.Id, renamed);
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
    }

    private async Task DeleteAsync(AlbumDto album)
    {
        string photos = album.PhotoCount == 1 ? "its photo" : $"its {album.PhotoCount} photos";
        bool? confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete album?",
            $"\"{album.Name}\" and {photos} will be deleted with their restorations. This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        try
        {
            await Albums.DeleteAsync(album.Id);
            _albums?.RemoveAll(a => a.Id == album.Id);
            Snackbar.Add($"\"{album.Name}\" was deleted.", Severity.Success);
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
    }

    private async Task<string?> AskNameAsync(string title, string initial, string submitText)
    {
        var parameters = new DialogParameters<AlbumNameDialog>
        {
            { d => d.InitialName, initial },
            { d => d.SubmitText, submitText },
        };
        var dialog = await Dialogs.ShowAsync<AlbumNameDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string name } ? name : null;
    }

    private void Replace(Guid id, AlbumDto album)
    {
        int index = _albums?.FindIndex(a => a.Id == id) ?? -1;
        if (index >= 0)
        {
            _albums![index] = album;
        }
    }
}
