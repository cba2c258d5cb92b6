using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Tests.Shared;

/// <summary>
/// What the tone tests compare: a picture's channel means (the photo's own tone, which the pipeline keeps) and its
/// darkest and brightest values over all channels (black and white after the contrast stretch). Compiled into each test
/// project that needs it.
/// </summary>
internal static class ToneStatistics
{
    public static (double[] Means, byte Darkest, byte Brightest) Of(byte[] encoded)
    {
        using var image = Image.Load<Rgb24>(encoded);
        return Of(image);
    }

    public static (double[] Means, byte Darkest, byte Brightest) Of(Image<Rgb24> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var sums = new double[3];
        byte darkest = 255, brightest = 0;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                foreach (var p in rows.GetRowSpan(y))
                {
                    (sums[0], sums[1], sums[2]) = (sums[0] + p.R, sums[1] + p.G, sums[2] + p.B);
                    darkest = Math.Min(darkest, Math.Min(p.R, Math.Min(p.G, p.B)));
                    brightest = Math.Max(brightest, Math.Max(p.R, Math.Max(p.G, p.B)));
                }
            }
        });
        return ([.. sums.Select(v => v / ((double)image.Width * image.Height))], darkest, brightest);
    }
}
