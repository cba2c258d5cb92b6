using Microsoft.AspNetCore.Components;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Components;

/// <summary>A photo in an album's grid: thumbnail, name and its restoration's state.</summary>
public partial class PhotoCard
{
    [Parameter, EditorRequired]
    public PhotoDto Photo { get; set; } = default!;

    private string Link => $"photos/{Photo.Id}";
}
