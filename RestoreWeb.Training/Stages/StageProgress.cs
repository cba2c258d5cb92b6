namespace RestoreWeb.Training.Stages;

/// <summary>Where a stage is: step, losses of the last step, speed and the expected time left.</summary>
public sealed record StageProgress(
    string Stage,
    int Step,
    int TotalSteps,
    IReadOnlyDictionary<string, double> Losses,
    double SamplesPerSecond,
    TimeSpan Remaining);

/// <summary>What a finished (or stopped) stage reports.</summary>
/// <param name="CpuBusy">Process CPU time ÷ (wall time × cores) over the steps this run executed.</param>
/// <param name="ProducerWaitShare">Share of the wall time the model math waited for data.</param>
public sealed record StageResult(
    string Stage,
    int StepsRun,
    int FinalStep,
    TimeSpan Elapsed,
    double SamplesPerSecond,
    double CpuBusy,
    double ProducerWaitShare,
    IReadOnlyDictionary<string, double> FinalLosses);
