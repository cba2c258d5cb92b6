using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Pixels;

namespace RestoreWeb.Training.Degradation.Official;

/// <summary>PIL's convert("L") then back to RGB, which the released dataset applies to one sample in ten.</summary>
public static class Greyscale
{
    public static RgbImage Apply(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new RgbImage(image.Width, image.Height);
        var r = image.Plane(0);
        var g = image.Plane(1);
        var b = image.Plane(2);
        var outR = result.Plane(0);
        var outG = result.Plane(1);
        var outB = result.Plane(2);
        for (int i = 0; i < r.Length; i++)
        {
            float grey = Level(Quantization.ToByte(r[i]), Quantization.ToByte(g[i]), Quantization.ToByte(b[i])) / 255f;
            outR[i] = grey;
            outG[i] = grey;
            outB[i] = grey;
        }
        return result;
    }

    /// <summary>PIL's fixed-point ITU-R 601 luma of 8-bit values, rounded: (19595 R + 38470 G + 7471 B + 2^15) >> 16.</summary>
    public static byte Level(byte r, byte g, byte b) => (byte)(((19595 * r) + (38470 * g) + (7471 * b) + 0x8000) >> 16);
}
