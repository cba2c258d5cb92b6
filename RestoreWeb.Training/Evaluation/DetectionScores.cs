namespace RestoreWeb.Training.Evaluation;

/// <summary>How well a scratch detector finds damaged pixels.</summary>
/// <param name="Auc">Area under the ROC curve: the chance that a random scratch pixel scores above a random clean one.</param>
public sealed record DetectionScores(double Precision, double Recall, double Auc, int Positives, int Negatives)
{
    public static DetectionScores Compute(float[] probabilities, float[] truth, float threshold)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(truth);
        int truePositives = 0, falsePositives = 0, positives = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            bool actual = truth[i] >= 0.5f, predicted = probabilities[i] >= threshold;
            positives += actual ? 1 : 0;
            truePositives += actual && predicted ? 1 : 0;
            falsePositives += !actual && predicted ? 1 : 0;
        }
        int negatives = truth.Length - positives;
        double precision = truePositives + falsePositives == 0 ? 0 : (double)truePositives / (truePositives + falsePositives);
        double recall = positives == 0 ? 0 : (double)truePositives / positives;
        return new DetectionScores(precision, recall, RocAuc(probabilities, truth, positives, negatives), positives, negatives);
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
