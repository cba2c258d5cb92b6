namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// Luma with the ITU-R BT.601 weights, which is what the official scratch detector was trained on (it converts
/// with PIL's "L" mode); other weightings would shift the detector's input distribution.
/// </summary>
public static class Luma
{
    public const float Red = 0.299f;
    public const float Green = 0.587f;
    public const float Blue = 0.114f;

    public static GrayImage Extract(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var luma = new float[image.PlaneLength];
        var r = image.Plane(0);
        var g = image.Plane(1);
        var b = image.Plane(2);
        for (int i = 0; i < luma.Length; i++)
        {
            luma[i] = (Red * r[i]) + (Green * g[i]) + (Blue * b[i]);
        }
        return new GrayImage(image.Width, image.Height, luma);
    }
}
