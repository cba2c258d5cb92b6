using RestoreWeb.Training.Evaluation;

namespace RestoreWeb.Training.Tests.Evaluation;

public sealed class DetectionScoresTests
{
    /// <summary>10 scratch pixels scored 0.7–0.9, 30 clean ones at 0.5 and 60 clean ones at 0.1.</summary>
    private static (float[] Probabilities, float[] Truth) OverConfident()
    {
        var probabilities = new List<float>();
        var truth = new List<float>();
        for (int i = 0; i < 10; i++)
        {
            probabilities.Add(0.7f + 0.02f * i);
            truth.Add(1f);
        }
        probabilities.AddRange(Enumerable.Repeat(0.5f, 30));
        probabilities.AddRange(Enumerable.Repeat(0.1f, 60));
        truth.AddRange(Enumerable.Repeat(0f, 90));
        return (probabilities.ToArray(), truth.ToArray());
    }

    [Fact]
    public void At_the_official_threshold_precision_and_recall_count_the_marked_pixels()
    {
        var (probabilities, truth) = OverConfident();

        var scores = DetectionScores.Compute(probabilities, truth, DetectionScores.OfficialThreshold);

        Assert.Equal(0.4, scores.Threshold, 6);
        Assert.Equal((0.25, 1.0, 10, 90), (scores.Precision, scores.Recall, scores.Positives, scores.Negatives));
        Assert.Equal(0.4, scores.F1, 6);
        Assert.Equal(1.0, scores.Auc);
    }

    [Fact]
    public void Calibration_picks_the_lowest_threshold_of_best_F1()
    {
        var (probabilities, truth) = OverConfident();

        var calibrated = DetectionScores.Calibrate(probabilities, truth);

        // Every threshold in (0.5, 0.7] separates the classes; 0.51 is the first of them on the 0.01 grid.
        Assert.Equal(0.51, calibrated.Threshold, 6);
        Assert.Equal((1.0, 1.0), (calibrated.Precision, calibrated.Recall));
        Assert.Equal(1.0, calibrated.F1);
    }

    [Fact]
    public void Calibration_of_a_detector_that_finds_nothing_stays_finite()
    {
        var truth = new float[] { 1, 1, 0, 0 };
        var probabilities = new float[] { 0.001f, 0.001f, 0.001f, 0.001f };

        var calibrated = DetectionScores.Calibrate(probabilities, truth);

        Assert.InRange(calibrated.Threshold, 0.01, 0.99);
        Assert.Equal(0.0, calibrated.F1);
        Assert.Equal(0.5, calibrated.Auc);
    }

    [Fact]
    public void Probabilities_and_truth_of_different_lengths_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => DetectionScores.Compute([0.5f, 0.5f], [1f], 0.4f));
        Assert.Contains("2 probabilities for 1 truth pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calibration_file_round_trips_and_a_missing_or_old_one_reads_as_none()
    {
        string folder = Directory.CreateTempSubdirectory("restoreweb-calibration-").FullName;
        try
        {
            Assert.Null(DetectorCalibration.Read(folder));

            var (probabilities, truth) = OverConfident();
            var written = new DetectorCalibration(DetectionScores.Compute(probabilities, truth, 0.4f), DetectionScores.Calibrate(probabilities, truth));
            written.Write(folder);
            Assert.Equal(written, DetectorCalibration.Read(folder));
            Assert.False(File.Exists(Path.Combine(folder, DetectorCalibration.FileName + ".tmp")));

            // The format before calibration: one set of scores, no thresholds.
            File.WriteAllText(Path.Combine(folder, DetectorCalibration.FileName), """{"Precision":0.18,"Recall":0.9,"Auc":0.95,"Positives":4,"Negatives":12}""");
            Assert.Null(DetectorCalibration.Read(folder));

            File.WriteAllText(Path.Combine(folder, DetectorCalibration.FileName), "{ not json");
            var error = Assert.Throws<InvalidDataException>(() => DetectorCalibration.Read(folder));
            Assert.Contains("is not a detector calibration", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
