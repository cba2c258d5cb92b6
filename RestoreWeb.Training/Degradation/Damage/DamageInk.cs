namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>
/// How a coverage layer is put on the photo: its colour (the paper revealed by a bright scratch, the dirt of a dark
/// one), whether it lightens or darkens, and the blend mode.
/// </summary>
internal readonly record struct DamageInk(float Red, float Green, float Blue, bool Bright, BlendMode Mode)
{
    public float Channel(int c) => c switch
    {
        0 => Red,
        1 => Green,
        _ => Blue,
    };

    /// <summary>The layer value for a channel at full coverage: brightness for bright ink, darkness for dark ink.</summary>
    public float Strength(int c) => Bright ? Channel(c) : 1f - Channel(c);

    /// <summary>The same ink without hue, for samples that were made grey.</summary>
    public DamageInk Neutral()
    {
        float grey = (0.299f * Red) + (0.587f * Green) + (0.114f * Blue);
        return this with { Red = grey, Green = grey, Blue = grey };
    }
}
