namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>
/// The three layer modes, for bright damage as they are and for dark damage mirrored: dark damage is blended in the
/// negative (1 − value), which turns screen into multiply, lighten into darken and addition into subtraction —
/// a dark scratch on a print is a bright scratch on its negative.
/// </summary>
public static class BlendModes
{
    public static float Blend(BlendMode mode, float baseValue, float layer) => mode switch
    {
        BlendMode.Screen => 1f - ((1f - baseValue) * (1f - layer)),
        BlendMode.Lighten => Math.Max(baseValue, layer),
        BlendMode.Additive => Math.Min(1f, baseValue + layer),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown blend mode."),
    };

    /// <summary>The same mode applied in the negative: <paramref name="layer"/> is how much darker the damage makes things.</summary>
    public static float BlendDark(BlendMode mode, float baseValue, float layer) => 1f - Blend(mode, 1f - baseValue, layer);
}
