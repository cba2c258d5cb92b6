namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>The layer modes the paper blends its scratch textures with; black in the layer leaves the photo unchanged.</summary>
public enum BlendMode
{
    /// <summary>1 − (1 − base)(1 − layer): brightens softly, never clips.</summary>
    Screen,

    /// <summary>max(base, layer): only shows where the layer is brighter than the photo.</summary>
    Lighten,

    /// <summary>min(1, base + layer): linear dodge, clips to white.</summary>
    Additive,
}
