using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Training.Degradation.Pixels;

/// <summary>
/// Rounding to the 8-bit grid. The released code passes 8-bit PIL images between operations; rounding at the same
/// points keeps our samples on the same grid as decoded files, and lets the mask compare values exactly.
/// </summary>
internal static class Quantization
{
    public static float ToGrid(float value) => MathF.Round(Math.Clamp(value, 0f, 1f) * 255f) / 255f;

    public static byte ToByte(float value) => (byte)MathF.Round(Math.Clamp(value, 0f, 1f) * 255f);

    public static void InPlace(RgbImage image)
    {
        var data = image.Data;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = ToGrid(data[i]);
        }
    }
}
