namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>
/// One piece of damage before it is blended: per pixel opacity in [0, 1], built by stamping anti-aliased discs.
/// Overlapping stamps keep the larger opacity, so a path drawn with dense stamps has no darker beads where they overlap.
/// The touched rectangle is tracked so that blending and clearing visit only that.
/// </summary>
internal sealed class CoverageLayer(int width, int height)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public float[] Alpha { get; } = new float[width * height];

    public int Left { get; private set; } = int.MaxValue;

    public int Top { get; private set; } = int.MaxValue;

    public int Right { get; private set; } = -1;

    public int Bottom { get; private set; } = -1;

    public bool IsEmpty => Right < Left;

    /// <summary>
    /// A disc of <paramref name="radius"/> pixels at (x, y), where pixel (i, j) has its centre at (i, j). Its edge
    /// ramps over <paramref name="softness"/> pixels (1 = plain anti-aliasing), so a disc narrower than a pixel
    /// still shows, only fainter.
    /// </summary>
    public void Disc(double x, double y, double radius, double opacity, double softness = 1)
    {
        double reach = radius + (softness / 2);
        int x0 = Math.Max(0, (int)Math.Floor(x - reach));
        int x1 = Math.Min(Width - 1, (int)Math.Ceiling(x + reach));
        int y0 = Math.Max(0, (int)Math.Floor(y - reach));
        int y1 = Math.Min(Height - 1, (int)Math.Ceiling(y + reach));
        if (x0 > x1 || y0 > y1)
        {
            return;
        }

        // A disc thinner than a pixel covers that pixel only partly: scale its opacity instead of its footprint.
        double thin = Math.Min(1, 2 * radius / softness);
        for (int py = y0; py <= y1; py++)
        {
            double dy = py - y;
            for (int px = x0; px <= x1; px++)
            {
                double dx = px - x;
                double distance = Math.Sqrt((dx * dx) + (dy * dy));
                double coverage = Math.Clamp((reach - distance) / softness, 0, 1) * thin;
                Raise(px, py, (float)(coverage * opacity));
            }
        }
    }

    /// <summary>Sets a pixel to full opacity (hard-edged shapes such as holes).</summary>
    public void Fill(int x, int y)
    {
        if ((uint)x < (uint)Width && (uint)y < (uint)Height)
        {
            Raise(x, y, 1f);
        }
    }

    public void Clear()
    {
        for (int y = Top; y <= Bottom; y++)
        {
            Array.Clear(Alpha, (y * Width) + Left, Right - Left + 1);
        }
        Left = Top = int.MaxValue;
        Right = Bottom = -1;
    }

    private void Raise(int x, int y, float value)
    {
        if (value <= 0)
        {
            return;
        }
        int i = (y * Width) + x;
        if (value > Alpha[i])
        {
            Alpha[i] = value;
        }
        Left = Math.Min(Left, x);
        Right = Math.Max(Right, x);
        Top = Math.Min(Top, y);
        Bottom = Math.Max(Bottom, y);
    }
}
