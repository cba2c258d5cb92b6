namespace RestoreWeb.Training.Degradation.Randomness;

/// <summary>Standard normal values in bulk: Box–Muller, using both values of each pair.</summary>
internal sealed class NormalSampler(Random random)
{
    private double spare;
    private bool hasSpare;

    public float Next()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return (float)spare;
        }

        double u = 1.0 - random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u));
        (double sin, double cos) = Math.SinCos(2.0 * Math.PI * random.NextDouble());
        spare = radius * sin;
        hasSpare = true;
        return (float)(radius * cos);
    }
}
