using Microsoft.AspNetCore.Components;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Pages.Admin;

/// <summary>One photo as it came in, as production restores it and as the candidate does, side by side.</summary>
public sealed partial class ComparePage
{
    private const string SamplesSource = "samples";
    private const string PhotosSource = "photos";

    private List<CompareSampleDto>? _samples;
    private List<AdminModelVersionDto>? _models;
    private string? _loadError;
    private string _source = SamplesSource;
    private string? _sample;
    private List<AlbumDto>? _albums;
    private Guid? _albumId;
    private List<PhotoDto>? _photos;
    private Guid? _photoId;

    [Inject]
    private AdminClient Admin { get; set; } = default!;

    [Inject]
    private AlbumsClient Albums { get; set; } = default!;

    [Inject]
    private PhotosClient Photos { get; set; } = default!;

    [Inject]
    private MudBlazor.ISnackbar Snackbar { get; set; } = default!;

    private AdminModelVersionDto? Production => _models?.Find(m => m.Aliases.Contains(ModelAliasNames.Production));

    private AdminModelVersionDto? Candidate => _models?.Find(m => m.Aliases.Contains(ModelAliasNames.Candidate));

    private CompareSampleDto? SelectedSample => _samples?.Find(s => s.Name == _sample);

    /// <summary>Three columns side by side on a wide screen; with no candidate the two left share the width.</summary>
    private int ColumnWidth => Candidate is null || Production is null ? 6 : 4;

    private string? OriginalUrl => _source == SamplesSource
        ? SelectedSample is { } sample ? AdminClient.SampleOriginalUrl(sample.Name) : null
        : _photoId is { } photoId ? AdminClient.PhotoOriginalUrl(photoId) : null;

    private string VersionUrl(AdminModelVersionDto version) => _source == SamplesSource
        ? AdminClient.SampleVersionUrl(_sample!, version.Id)
        : AdminClient.PhotoVersionUrl(_photoId!.Value, version.Id);

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        try
        {
            var samples = Admin.CompareSamplesAsync();
            var models = Admin.ListModelsAsync();
            _samples = [.. await samples];
            _models = [.. await models];
            _sample = _samples.FirstOrDefault()?.Name;
        }
        catch (ApiException e)
        {
            _loadError = e.Message;
        }
    }

    private async Task ChooseSourceAsync(string source)
    {
        _source = source;
        if (source != PhotosSource || _albums is not null)
        {
            return;
        }
        try
        {
            _albums = [.. await Albums.ListAsync()];
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
            _source = SamplesSource;
        }
    }

    private async Task SelectAlbumAsync(Guid? albumId)
    {
        _albumId = albumId;
        _photos = null;
        _photoId = null;
        if (albumId is not { } id)
        {
            return;
        }
        try
        {
            _photos = [.. await Photos.ListInAlbumAsync(id)];
            _photoId = _photos.FirstOrDefault()?.Id;
        }
        catch (ApiException e)
        {
            Snackbar.ShowProblem(e);
        }
    }
}
