using Microsoft.ML.OnnxRuntime;

namespace RestoreWeb.Inference.Pipeline;

/// <summary>
/// Runs the partial non-local attention a block of query rows at a time. Every row is computed — valid rows
/// too — because the residual blocks after it mix neighbouring positions and normalise over the whole map.
/// φ, g and the validity are bound once (φ and g may already live on the GPU); each chunk sends only its θ rows
/// and brings back only its attended rows, written straight into the result.
/// </summary>
internal static class MaskedAttentionChunks
{
    public static float[] Run(
        InferenceSession chunkSession, RunOptions runOptions, OrtValue theta, OrtValue phi, OrtValue g, OrtValue valid,
        long positions, long channels, int chunkRows, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var thetaData = theta.GetTensorDataAsSpan<float>().ToArray();
        float[] attended = new float[positions * channels];
        using var binding = chunkSession.CreateIoBinding();
        binding.BindInput("phi", phi);
        binding.BindInput("g", g);
        binding.BindInput("valid", valid);
        for (long start = 0; start < positions; start += chunkRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long rows = Math.Min(chunkRows, positions - start);
            var rowMemory = new Memory<float>(thetaData, (int)(start * channels), (int)(rows * channels));
            var resultMemory = new Memory<float>(attended, (int)(start * channels), (int)(rows * channels));
            using var rowValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, rowMemory, [1, rows, channels]);
            using var resultValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, resultMemory, [1, rows, channels]);
            binding.BindInput("theta_rows", rowValue);
            binding.BindOutput("attended_rows", resultValue);
            chunkSession.RunWithBinding(runOptions, binding);
            // The rows are read from the result (and the θ block released) right after; on a GPU their copies
            // must have landed.
            binding.SynchronizeBoundOutputs();
            progress.Report((double)(start + rows) / positions);
        }
        return attended;
    }
}
