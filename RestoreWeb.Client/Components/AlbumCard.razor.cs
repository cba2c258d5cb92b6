using Microsoft.AspNetCore.Components;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Components;

/// <summary>An album in the album list: cover, name, how far its restorations are, and its rename and delete actions.</summary>
public partial class AlbumCard
{
    [Parameter, EditorRequired]
    public AlbumDto Album { get; set; } = default!;

    [Parameter]
    public EventCallback<AlbumDto> OnRename { get; set; }

    [Parameter]
    public EventCallback<AlbumDto> OnDelete { get; set; }

    private string Link => $"albums/{Album.Id}";

    private string PhotoCountText => Album.PhotoCount switch
    {
        0 => "No photos yet",
        1 => "1 photo",
        var n => $"{n} photos",
    };
}
