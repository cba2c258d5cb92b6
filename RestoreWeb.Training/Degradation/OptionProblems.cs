namespace RestoreWeb.Training.Degradation;

/// <summary>Collects every invalid setting so that one error message names all of them.</summary>
internal sealed class OptionProblems
{
    private readonly List<string> problems = [];

    public void Probability(string name, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            problems.Add($"{name} {value} is not a probability in [0, 1]");
        }
    }

    public void Range(string name, ValueRange range, double lowest, double highest)
    {
        if (!(range.Min <= range.Max && range.Min >= lowest && range.Max <= highest))
        {
            problems.Add($"{name} {range} must be an ordered range within [{lowest}, {highest}]");
        }
    }

    public void Range(string name, CountRange range, int lowest, int highest)
    {
        if (!(range.Min <= range.Max && range.Min >= lowest && range.Max <= highest))
        {
            problems.Add($"{name} {range} must be an ordered range within {lowest}..{highest}");
        }
    }

    public void Require(bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    public void ThrowIfAny(string what)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException($"{what} are invalid: {string.Join("; ", problems)}.");
        }
    }
}
