namespace RestoreWeb.Training.Evaluation;

/// <summary>How well a scratch detector finds damaged pixels at one probability threshold.</summary>
/// <param name="Threshold">Probability at or above which a pixel counts as a scratch.</param>
/// <param name="Auc">Area under the ROC curve: the chance that a random scratch pixel scores above a random clean one.</param>
public sealed record DetectionScores(double Threshold, double Precision, double Recall, double Auc, int Positives, int Negatives)
{
    /// <summary>The threshold the official pipeline uses.</summary>
    public const float OfficialThreshold = 0.4f;

    /// <summary>Harmonic mean of precision and recall (0 when both are 0).</summary>
    public double F1 => HarmonicMean(Precision, Recall);

    public static DetectionScores Compute(float[] probabilities, float[] truth, float threshold)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(truth);
        var (precision, recall, positives) = PrecisionRecall(probabilities, truth, threshold);
        int negatives = truth.Length - positives;
        // Rounded so that the manifest says 0.51, not the float's 0.5099999904632568.
        return new DetectionScores(Math.Round(threshold, 4), precision, recall, RocAuc(probabilities, truth, positives, negatives), positives, negatives);
    }

    /// <summary>
    /// The scores at the threshold of best F1 among 0.01, 0.02, … 0.99. A detector trained with a class-weighted loss
    /// reports probabilities shifted towards "scratch" (scratches are a few per cent of the pixels), so the official 0.4
    /// marks far more than the scratches; the F1 threshold balances missed scratches against masked clean detail.
    /// </summary>
    public static DetectionScores Calibrate(float[] probabilities, float[] truth)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(truth);
        float best = OfficialThreshold;
        double bestF1 = -1;
        for (int percent = 1; percent <= 99; percent++)
        {
            float threshold = percent / 100f;
            var (precision, recall, _) = PrecisionRecall(probabilities, truth, threshold);
            double f1 = HarmonicMean(precision, recall);
            if (f1 > bestF1)
            {
                (best, bestF1) = (threshold, f1);
            }
        }
        return Compute(probabilities, truth, best);
    }

    private static double HarmonicMean(double precision, double recall) =>
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

    private static (double Precision, double Recall, int Positives) PrecisionRecall(float[] probabilities, float[] truth, float threshold)
    {
        if (probabilities.Length != truth.Length)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities for {truth.Length} truth pixels.", nameof(probabilities));
        }
        int truePositives = 0, falsePositives = 0, positives = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            bool actual = truth[i] >= 0.5f, predicted = probabilities[i] >= threshold;
            positives += actual ? 1 : 0;
            truePositives += actual && predicted ? 1 : 0;
            falsePositives += !actual && predicted ? 1 : 0;
        }
        double precision = truePositives + falsePositives == 0 ? 0 : (double)truePositives / (truePositives + falsePositives);
        double recall = positives == 0 ? 0 : (double)truePositives / positives;
        return (precision, recall, positives);
    }

    /// <summary>Mann–Whitney form of the AUC with average ranks for ties.</summary>
    private static double RocAuc(float[] scores, float[] truth, int positives, int negatives)
    {
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
            {
                if (truth[order[k]] >= 0.5f)
                {
                    rankSum += averageRank;
                }
            }
            start = end + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
