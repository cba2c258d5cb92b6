namespace RestoreWeb.Training.Degradation;

/// <summary>What was done to one sample, in the order it was done; enough to audit the parameter distributions.</summary>
public sealed class DegradationRecord(int seed, IReadOnlyList<DegradationStep> steps)
{
    public int Seed { get; } = seed;

    public IReadOnlyList<DegradationStep> Steps { get; } = steps;

    /// <summary>The first step of a kind, or null when none was applied.</summary>
    public T? Find<T>()
        where T : DegradationStep => Steps.OfType<T>().FirstOrDefault();

    public bool Has<T>()
        where T : DegradationStep => Steps.OfType<T>().Any();

    public override string ToString() =>
        Steps.Count == 0 ? $"seed {Seed}: nothing" : $"seed {Seed}: {string.Join(" → ", Steps)}";
}
