using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Training.Evaluation;

/// <summary>
/// What a careful user could do without a network: a 3×3 median filter against noise and specks, then the scratch
/// mask filled by diffusion from its valid neighbours (harmonic inpainting). The model has to beat this.
/// </summary>
public static class ClassicalBaseline
{
    public static RgbImage Restore(RgbImage damaged, GrayImage? mask)
    {
        ArgumentNullException.ThrowIfNull(damaged);
        var result = new RgbImage(damaged.Width, damaged.Height);
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            var plane = Median3(damaged.Plane(c).ToArray(), damaged.Width, damaged.Height);
            if (mask is not null)
            {
                Inpaint(plane, mask, damaged.Width, damaged.Height);
            }
            plane.CopyTo(result.Plane(c));
        }
        return result;
    }

    private static float[] Median3(float[] source, int width, int height)
    {
        var result = new float[source.Length];
        Span<float> window = stackalloc float[9];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int n = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int yy = Math.Clamp(y + dy, 0, height - 1), xx = Math.Clamp(x + dx, 0, width - 1);
                        window[n++] = source[yy * width + xx];
                    }
                }
                window.Sort();
                result[y * width + x] = window[4];
            }
        }
        return result;
    }

    /// <summary>Jacobi iterations of the Laplace equation inside the mask, the valid pixels held fixed.</summary>
    private static void Inpaint(float[] plane, GrayImage mask, int width, int height)
    {
        var holes = Enumerable.Range(0, plane.Length).Where(i => mask.Data[i] >= 0.5f).ToArray();
        if (holes.Length == 0)
        {
            return;
        }
        var valid = plane.Select((v, i) => mask.Data[i] < 0.5f).ToArray();
        float mean = (float)plane.Where((_, i) => valid[i]).DefaultIfEmpty(0.5f).Average();
        foreach (int i in holes)
        {
            plane[i] = mean;
        }
        var next = new float[holes.Length];
        for (int iteration = 0; iteration < 200; iteration++)
        {
            for (int h = 0; h < holes.Length; h++)
            {
                int i = holes[h], x = i % width, y = i / width;
                float sum = 0;
                int count = 0;
                if (x > 0) { sum += plane[i - 1]; count++; }
                if (x < width - 1) { sum += plane[i + 1]; count++; }
                if (y > 0) { sum += plane[i - width]; count++; }
                if (y < height - 1) { sum += plane[i + width]; count++; }
                next[h] = sum / count;
            }
            for (int h = 0; h < holes.Length; h++)
            {
                plane[holes[h]] = next[h];
            }
        }
    }
}
