namespace RestoreWeb.Training.Degradation;

/// <summary>A closed interval [Min, Max] that parameters are drawn from uniformly.</summary>
public readonly record struct ValueRange(double Min, double Max)
{
    public bool Contains(double value) => value >= Min && value <= Max;

    public override string ToString() => $"[{Min:0.####}, {Max:0.####}]";
}

/// <summary>A closed interval of whole numbers [Min, Max], drawn uniformly.</summary>
public readonly record struct CountRange(int Min, int Max)
{
    public static CountRange None => new(0, 0);

    public bool Contains(int value) => value >= Min && value <= Max;

    public override string ToString() => $"{Min}..{Max}";
}
