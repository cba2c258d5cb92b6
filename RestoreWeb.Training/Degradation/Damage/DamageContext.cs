namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>What the damage needs to know about the sample it is drawn on.</summary>
/// <param name="PaperColour">The print's paper white (cream when it yellowed): what scraped-off emulsion reveals.</param>
/// <param name="Greyscale">The sample is grey, so damage must be too.</param>
/// <param name="Unit">Pixels per pixel of a 256-pixel image, at least 1: damage grows with the image.</param>
internal sealed record DamageContext(float[] PaperColour, bool Greyscale, double Unit)
{
    public DamageInk Ink(float red, float green, float blue, bool bright, BlendMode mode)
    {
        var ink = new DamageInk(red, green, blue, bright, mode);
        return Greyscale ? ink.Neutral() : ink;
    }

    /// <summary>Paper showing through, dimmed by <paramref name="brightness"/>.</summary>
    public DamageInk PaperInk(float brightness, BlendMode mode) =>
        Ink(PaperColour[0] * brightness, PaperColour[1] * brightness, PaperColour[2] * brightness, bright: true, mode);

    /// <summary>Near-black dirt or a scratch in the negative, slightly warm.</summary>
    public DamageInk DarkInk(float level, BlendMode mode) =>
        Ink(Math.Min(1f, level * 1.08f), level, level * 0.88f, bright: false, mode);
}
