namespace RestoreWeb.Training.Stages;

/// <summary>
/// The official schedule: the initial rate for the first part of training, then a linear decay to zero at the last
/// step (the official code's decay crashes; this one is a pure function of the step, so resume is exact).
/// </summary>
public sealed record LearningRateSchedule(double Initial, int TotalSteps, int DecayStartStep)
{
    public double At(int step)
    {
        if (step < DecayStartStep)
        {
            return Initial;
        }
        int decaySteps = Math.Max(1, TotalSteps - DecayStartStep);
        return Initial * Math.Max(0.0, 1.0 - (double)(step - DecayStartStep) / decaySteps);
    }

    /// <summary>Half constant, half decaying, as the official runs (niter = niter_decay).</summary>
    public static LearningRateSchedule Official(double initial, int totalSteps) => new(initial, totalSteps, totalSteps / 2);
}
