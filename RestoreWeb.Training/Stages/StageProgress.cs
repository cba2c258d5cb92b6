namespace RestoreWeb.Training.Stages;

/// <summary>Where a stage is: step, losses of the last step, speed, the expected time left and the latest held-out score.</summary>
public sealed record StageProgress(
    string Stage,
    int Step,
    int TotalSteps,
    IReadOnlyDictionary<string, double> Losses,
    double SamplesPerSecond,
    TimeSpan Remaining,
    ValidationScore? Validation = null);

/// <summary>A stage's output scored on its fixed held-out crops at <paramref name="Step"/> (a row of validation.csv).</summary>
public sealed record ValidationScore(int Step, double PsnrDb, double Ssim);

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
    IReadOnlyDictionary<string, double> FinalLosses,
    ValidationScore? Validation = null);
