using System.Text.Json;

namespace RestoreWeb.Training.Evaluation;

/// <summary>
/// The detector stage's held-out scores at the official threshold and at the calibrated one, kept as
/// <c>detector-scores.json</c> in the stage folder; the exporter takes the package's detector threshold from it.
/// </summary>
public sealed record DetectorCalibration(DetectionScores Official, DetectionScores Calibrated)
{
    public const string FileName = "detector-scores.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public void Write(string stageDirectory)
    {
        string path = Path.Combine(stageDirectory, FileName);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Indented));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The stage folder's calibration, or null when it has none (a run made before calibration existed).</summary>
    public static DetectorCalibration? Read(string stageDirectory)
    {
        string path = Path.Combine(stageDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var calibration = JsonSerializer.Deserialize<DetectorCalibration>(File.ReadAllText(path));
            return calibration?.Calibrated is { Threshold: > 0 and < 1 } ? calibration : null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a detector calibration: {e.Message}", e);
        }
    }
}
