using System.Text.Json.Serialization;

namespace RestoreWeb.Client.Components;

[JsonConverter(typeof(JsonStringEnumConverter<MaskTool>))]
public enum MaskTool
{
    /// <summary>Marks scratches.</summary>
    Brush,

    /// <summary>Unmarks what the detector or the brush marked.</summary>
    Eraser,

    /// <summary>Empties the whole mask; an edit of its own so that undo can bring the mask back.</summary>
    Clear,
}

public readonly record struct MaskPoint(double X, double Y);

/// <summary>One edit of the mask, in the photo's own pixels so that it draws the same at any display size.</summary>
/// <param name="Size">Brush diameter in photo pixels.</param>
public sealed record MaskStroke(MaskTool Tool, double Size, IReadOnlyList<MaskPoint> Points);
