using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using RestoreWeb.Client.Components.Admin;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages.Admin;

/// <summary>Model versions: register packages, see how they validated, and move the production and candidate aliases.</summary>
public sealed partial class ModelsPage
{
    private readonly HashSet<Guid> _busy = [];
    private List<AdminModelVersionDto>? _models;
    private string? _loadError;
    private MudFileUpload<IBrowserFile>? _upload;
    private bool _registering;
    private string _registerStatus = string.Empty;
    private double _sentPercent;
    private ModelRegistrationDto? _registration;
    private bool _rollingBack;

    [Inject]
    private AdminClient Admin { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // Prerendering on the server has no session to call the API with: the loading state shows until the browser takes over.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        try
        {
            _models = [.. await Admin.ListModelsAsync()];
        }
        catch (ApiException e)
        {
            _loadError = e.Message;
        }
    }

    private AdminModelVersionDto? Holder(string alias) => _models?.Find(m => m.Aliases.Contains(alias));

    private async Task RegisterAsync(IBrowserFile? file)
    {
        if (file is null || _registering)
        {
            return;
        }
        if (!file.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            Snackbar.Add($"{file.Name} is not a .zip model package.", Severity.Warning);
            await ClearUploadAsync();
            return;
        }
        _registering = true;
        _registration = null;
        _sentPercent = 0;
        _registerStatus = $"Sending {file.Name}…";
        StateHasChanged();
        int shownPercent = 0;
        var progress = new CallbackProgress<long>(sent =>
        {
            _sentPercent = file.Size == 0 ? 100 : Math.Min(100, sent * 100d / file.Size);
            if (_sentPercent >= 100)
            {
                _registerStatus = $"Validating {file.Name}: hashes, signatures, loading, a canary photo and the evaluation. This can take a minute…";
            }
            // One render per whole percent keeps a large package from flooding the renderer.
            if ((int)_sentPercent != shownPercent)
            {
                shownPercent = (int)_sentPercent;
                _ = InvokeAsync(StateHasChanged);
            }
        });
        try
        {
            // The server enforces its own package size limit with a clear message, so the browser lets any size through.
            await using var content = file.OpenReadStream(maxAllowedSize: Math.Max(1, file.Size));
            var registration = await Admin.RegisterAsync(file.Name, content, file.Size, progress);
            _registration = registration;
            Upsert(registration.Model, atTop: true);
            Snackbar.Add(
                registration.AlreadyRegistered
                    ? $"{registration.Model.Name} {registration.Model.Version} was already registered."
                    : $"Registered {registration.Model.Name} {registration.Model.Version}: {registration.Model.Status}.",
                registration.Model.Validation?.Passed == true ? Severity.Success : Severity.Warning);
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
        catch (IOException e)
        {
            Snackbar.Add($"The package could not be read from your device: {e.Message}", Severity.Error);
        }
        finally
        {
            _registering = false;
        }
        await ClearUploadAsync();
    }

    /// <summary>Forgets the chosen file, so that choosing the same file again (after fixing it) is a change the input reports.</summary>
    private async Task ClearUploadAsync()
    {
        if (_upload is not null)
        {
            await _upload.ClearAsync();
        }
    }

    private async Task PromoteAsync(AdminModelVersionDto model, string alias)
    {
        string message = alias == ModelAliasNames.Production
            ? $"New restorations will use {model.Name} {model.Version}. Photos restored before keep their results; reprocess them from the Queue page."
            : $"{model.Name} {model.Version} becomes the candidate that Compare shows beside production. It does not serve restorations.";
        if (await CommentDialog.AskAsync(Dialogs, $"Promote to {alias}", message, "Promote") is not { } comment)
        {
            return;
        }
        await WhileBusyAsync(model, async () =>
        {
            var entry = await Admin.PromoteAsync(model.Id, alias, comment);
            Snackbar.Add($"{alias} is now {entry.ToVersion ?? model.Version}.", Severity.Success);
            await ReloadAsync();
        });
    }

    private async Task RollbackAsync(string alias)
    {
        string current = Holder(alias) is { } holder ? $"{holder.Name} {holder.Version}" : "nothing";
        string message = $"{alias} points at {current} now; it goes back to the version it pointed at before its last move.";
        if (await CommentDialog.AskAsync(Dialogs, $"Roll back {alias}", message, "Roll back", Color.Warning) is not { } comment)
        {
            return;
        }
        _rollingBack = true;
        try
        {
            var entry = await Admin.RollbackAsync(alias, comment);
            Snackbar.Add($"{alias} is back on {entry.ToVersion ?? "its previous version"}.", Severity.Success);
            await ReloadAsync();
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
        finally
        {
            _rollingBack = false;
        }
    }

    private Task ValidateAsync(AdminModelVersionDto model) => WhileBusyAsync(model, async () =>
    {
        var validated = await Admin.ValidateAsync(model.Id);
        Upsert(validated, atTop: false);
        Snackbar.Add(
            validated.Validation?.Passed == true ? $"{validated.Name} {validated.Version} passed validation." : $"{validated.Name} {validated.Version} failed validation.",
            validated.Validation?.Passed == true ? Severity.Success : Severity.Warning);
    });

    private async Task ArchiveAsync(AdminModelVersionDto model)
    {
        string message = $"{model.Name} {model.Version} stays registered, with its results, but is put aside.";
        if (await CommentDialog.AskAsync(Dialogs, "Archive version", message, "Archive") is not { } comment)
        {
            return;
        }
        await WhileBusyAsync(model, async () =>
        {
            Upsert(await Admin.ArchiveAsync(model.Id, comment), atTop: false);
            Snackbar.Add($"{model.Name} {model.Version} was archived.", Severity.Success);
        });
    }

    private async Task DeleteAsync(AdminModelVersionDto model)
    {
        bool? confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete version?",
            $"{model.Name} {model.Version} and its package will be deleted. This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        await WhileBusyAsync(model, async () =>
        {
            await Admin.DeleteModelAsync(model.Id);
            _models?.RemoveAll(m => m.Id == model.Id);
            Snackbar.Add($"{model.Name} {model.Version} was deleted.", Severity.Success);
        });
    }

    private async Task WhileBusyAsync(AdminModelVersionDto model, Func<Task> act)
    {
        _busy.Add(model.Id);
        try
        {
            await act();
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
        finally
        {
            _busy.Remove(model.Id);
        }
    }

    /// <summary>Moving an alias changes two versions at once (the one it left and the one it reached): read them all again.</summary>
    private async Task ReloadAsync()
    {
        try
        {
            _models = [.. await Admin.ListModelsAsync()];
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
    }

    private void Upsert(AdminModelVersionDto model, bool atTop)
    {
        _models ??= [];
        int index = _models.FindIndex(m => m.Id == model.Id);
        if (index >= 0)
        {
            _models[index] = model;
        }
        else if (atTop)
        {
            _models.Insert(0, model);
        }
        else
        {
            _models.Add(model);
        }
    }
}
