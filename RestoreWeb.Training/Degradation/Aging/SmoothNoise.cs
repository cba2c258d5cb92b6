namespace RestoreWeb.Training.Degradation.Aging;

/// <summary>
/// Value noise: random values on a lattice, interpolated with a smooth step. A cheap source of blotches, fibres and
/// uneven fading whose feature size is set by the lattice spacing.
/// </summary>
internal static class SmoothNoise
{
    /// <summary>A width × height field in [0, 1] with features about <paramref name="cellX"/> × <paramref name="cellY"/> pixels.</summary>
    public static float[] Field(int width, int height, double cellX, double cellY, Random random)
    {
        var (columns, columnWeights, latticeWidth) = Axis(width, cellX, random);
        var (rows, rowWeights, latticeHeight) = Axis(height, cellY, random);
        var lattice = new float[latticeWidth * latticeHeight];
        for (int i = 0; i < lattice.Length; i++)
        {
            lattice[i] = (float)random.NextDouble();
        }

        var field = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            int top = rows[y] * latticeWidth;
            int bottom = top + latticeWidth;
            float v = rowWeights[y];
            for (int x = 0; x < width; x++)
            {
                int left = columns[x];
                float u = columnWeights[x];
                float upper = lattice[top + left] + (u * (lattice[top + left + 1] - lattice[top + left]));
                float lower = lattice[bottom + left] + (u * (lattice[bottom + left + 1] - lattice[bottom + left]));
                field[(y * width) + x] = upper + (v * (lower - upper));
            }
        }
        return field;
    }

    /// <summary>A 1-D profile in [0, 1] along a path of <paramref name="length"/> samples.</summary>
    public static float[] Profile(int length, double cell, Random random) => Field(length, 1, cell, 1, random);

    private static (int[] Cells, float[] Weights, int LatticeLength) Axis(int length, double cell, Random random)
    {
        cell = Math.Max(cell, 1e-3);

        // A random phase keeps lattice lines from lining up with the image border in every sample.
        double phase = random.NextDouble();
        var cells = new int[length];
        var weights = new float[length];
        for (int i = 0; i < length; i++)
        {
            double position = (i / cell) + phase;
            int index = (int)Math.Floor(position);
            double t = position - index;
            cells[i] = index;
            weights[i] = (float)(t * t * (3 - (2 * t)));
        }
        return (cells, weights, cells[^1] + 2);
    }
}
