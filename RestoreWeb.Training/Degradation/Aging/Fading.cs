using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation.Randomness;

namespace RestoreWeb.Training.Degradation.Aging;

/// <summary>
/// Fading and yellowing of a print: the dyes lose saturation and density, so blacks lift towards brown and the paper
/// white turns cream. Prints fade unevenly — more where light and air reached them, usually towards the edges.
/// </summary>
public static class Fading
{
    /// <summary>Paper white of a strongly yellowed print.</summary>
    private static readonly float[] CreamPaper = [0.97f, 0.89f, 0.64f];

    /// <summary>Darkest tone of a completely faded print.</summary>
    private static readonly float[] BrownBlack = [0.45f, 0.33f, 0.22f];

    /// <summary>The paper white of a print yellowed by <paramref name="yellowing"/>, per channel.</summary>
    public static float[] PaperColour(double yellowing)
    {
        var colour = new float[RgbImage.Channels];
        for (int c = 0; c < colour.Length; c++)
        {
            colour[c] = 1f + ((CreamPaper[c] - 1f) * (float)Math.Clamp(yellowing, 0, 1));
        }
        return colour;
    }

    /// <param name="strength">0 keeps the print; 1 leaves a flat brown-on-cream ghost.</param>
    /// <param name="yellowing">How far the paper white moves towards cream.</param>
    /// <param name="unevenness">Relative variation of both across the print.</param>
    /// <param name="random">Draws the pattern of the unevenness.</param>
    public static RgbImage Apply(RgbImage image, double strength, double yellowing, double unevenness, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        int width = image.Width;
        int height = image.Height;
        double shortSide = Math.Min(width, height);
        var blotches = SmoothNoise.Field(width, height, shortSide * random.Uniform(0.3, 0.6), shortSide * random.Uniform(0.3, 0.6), random);
        double edgeWeight = random.Uniform(0.3, 1.0);

        var result = new RgbImage(width, height);
        var source = image.Data;
        var target = result.Data;
        int plane = image.PlaneLength;
        var paper = new float[3];
        var black = new float[3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width) + x;
                double edge = EdgeCloseness(x, y, width, height, shortSide);
                double local = Math.Clamp(1 + (unevenness * ((2 * blotches[i]) - 1 + (edgeWeight * edge))), 0, 2);
                float s = (float)Math.Clamp(strength * local, 0, 1);
                float yl = (float)Math.Clamp(yellowing * local, 0, 1);
                for (int c = 0; c < 3; c++)
                {
                    paper[c] = 1f + ((CreamPaper[c] - 1f) * yl);
                    black[c] = BrownBlack[c] * s;
                }

                float r = source[i];
                float g = source[plane + i];
                float b = source[(2 * plane) + i];
                float luma = (0.299f * r) + (0.587f * g) + (0.114f * b);
                float desaturation = 0.7f * s;
                target[i] = Tone(r + ((luma - r) * desaturation), black[0], paper[0]);
                target[plane + i] = Tone(g + ((luma - g) * desaturation), black[1], paper[1]);
                target[(2 * plane) + i] = Tone(b + ((luma - b) * desaturation), black[2], paper[2]);
            }
        }
        return result;
    }

    /// <summary>Maps the print's range [0, 1] onto [faded black, paper white].</summary>
    private static float Tone(float value, float black, float paper) => black + ((paper - black) * value);

    /// <summary>1 on the border, falling to 0 a quarter of the short side inwards.</summary>
    private static double EdgeCloseness(int x, int y, int width, int height, double shortSide)
    {
        double distance = Math.Min(Math.Min(x, width - 1 - x), Math.Min(y, height - 1 - y));
        double t = Math.Clamp(1 - (distance / (0.25 * shortSide)), 0, 1);
        return t * t;
    }
}
