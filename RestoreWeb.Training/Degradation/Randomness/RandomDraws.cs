namespace RestoreWeb.Training.Degradation.Randomness;

internal static class RandomDraws
{
    public static double Uniform(this Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    public static double Uniform(this Random random, ValueRange range) => random.Uniform(range.Min, range.Max);

    /// <summary>Inclusive at both ends.</summary>
    public static int Count(this Random random, CountRange range) => random.Next(range.Min, range.Max + 1);

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>One standard normal value (Box–Muller; the partner value is discarded, which is fine for a few draws).</summary>
    public static double Normal(this Random random)
    {
        double u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * random.NextDouble());
    }
}
