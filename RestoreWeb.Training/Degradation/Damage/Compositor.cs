using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Pixels;

namespace RestoreWeb.Training.Degradation.Damage;

/// <summary>
/// Blends a coverage layer onto the photo with an ink, rounding to 8-bit levels, and clears the layer. Every pixel it
/// changes, it changes visibly.
/// </summary>
internal static class Compositor
{
    /// <summary>
    /// Fainter coverage is not drawn: the outermost anti-aliasing fringe would widen every hairline by a barely tinted
    /// pixel on each side, which the mask would then have to claim as scratch.
    /// </summary>
    public const float MinimumAlpha = 0.1f;

    /// <summary>
    /// Nor is a change smaller than 8 levels in every channel: a dark scratch on a dark coat or a lighten-mode one on
    /// a bright sky barely shows, and marking it would teach the detector to find scratches where no one sees any.
    /// The scratch simply stays invisible there, as on a real print.
    /// </summary>
    public const float MinimumChange = 8f / 255f;

    public static void Apply(RgbImage image, CoverageLayer layer, DamageInk ink)
    {
        if (layer.IsEmpty)
        {
            return;
        }

        var data = image.Data;
        var alpha = layer.Alpha;
        int plane = image.PlaneLength;
        int width = image.Width;
        Span<float> strength = [ink.Strength(0), ink.Strength(1), ink.Strength(2)];
        Span<float> blended = stackalloc float[RgbImage.Channels];
        for (int y = layer.Top; y <= layer.Bottom; y++)
        {
            for (int x = layer.Left; x <= layer.Right; x++)
            {
                int i = (y * width) + x;
                float a = alpha[i];
                if (a < MinimumAlpha)
                {
                    continue;
                }
                float largest = 0;
                for (int c = 0; c < RgbImage.Channels; c++)
                {
                    float before = data[(c * plane) + i];
                    float after = Quantization.ToGrid(ink.Bright
                        ? BlendModes.Blend(ink.Mode, before, a * strength[c])
                        : BlendModes.BlendDark(ink.Mode, before, a * strength[c]));
                    blended[c] = after;
                    largest = Math.Max(largest, Math.Abs(after - before));
                }
                if (largest < MinimumChange)
                {
                    continue;
                }
                for (int c = 0; c < RgbImage.Channels; c++)
                {
                    data[(c * plane) + i] = blended[c];
                }
            }
        }
        layer.Clear();
    }
}
