using Microsoft.ML.OnnxRuntime;

namespace RestoreWeb.Inference.Pipeline;

/// <summary>
/// Runs the partial non-local attention a block of query rows at a time. Every row is computed — valid rows
/// too — because the residual blocks after it mix neighbouring positions and normalise over the whole map.
/// </summary>
internal static class MaskedAttentionChunks
{
    public static float[] Run(
        InferenceSession chunkSession, RunOptions runOptions, OrtValue theta, OrtValue phi, OrtValue g, float[] valid,
        long positions, long channels, int chunkRows, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var thetaData = theta.GetTensorDataAsSpan<float>().ToArray();
        float[] attended = new float[positions * channels];
        using var validValue = OrtValue.CreateTensorValueFromMemory(valid, [1, 1, positions]);
        for (long start = 0; start < positions; start += chunkRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long rows = Math.Min(chunkRows, positions - start);
            var rowMemory = new Memory<float>(thetaData, (int)(start * channels), (int)(rows * channels));
            using var rowValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, rowMemory, [1, rows, channels]);
            using var outputs = chunkSession.Run(runOptions, ["theta_rows", "phi", "g", "valid"],
                [rowValue, phi, g, validValue], ["attended_rows"]);
            outputs[0].GetTensorDataAsSpan<float>().CopyTo(attended.AsSpan((int)(start * channels), (int)(rows * channels)));
            progress.Report((double)(start + rows) / positions);
        }
        return attended;
    }
}
