using Microsoft.ML.OnnxRuntime;
using RestoreWeb.Inference.Onnx;

namespace RestoreWeb.Inference.Pipeline;

/// <summary>
/// The restoration graphs of one model package, loaded in ONNX Runtime sessions. Images are planar RGB
/// (C·H·W) in [-1,1], one at a time; masks are H·W with 1 = scratch. The masked attention of the scratch
/// mode runs in chunks of query rows (<see cref="MaskedAttentionChunks"/>), so its memory is
/// O(rows · positions) instead of O(positions²).
/// </summary>
public sealed class OnnxRestorationModel : IDisposable
{
    private readonly InferenceSession? _quality;
    private readonly InferenceSession? _scratchEncode;
    private readonly InferenceSession? _scratchAttention;
    private readonly InferenceSession? _scratchDecode;
    private readonly RunOptions _runOptions = new();
    private readonly OrtMemoryInfo _deviceMemory;

    public OnnxRestorationModel(RestorationGraphs graphs, ExecutionProviderSelector providers)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        ArgumentNullException.ThrowIfNull(providers);
        ExecutionProvider = providers.Choice;
        _deviceMemory = providers.CreateDeviceMemoryInfo();
        _quality = Open(graphs.Quality, providers);
        _scratchEncode = Open(graphs.ScratchEncode, providers);
        _scratchAttention = Open(graphs.ScratchAttention, providers);
        _scratchDecode = Open(graphs.ScratchDecode, providers);
    }

    public ExecutionProviderChoice ExecutionProvider { get; }

    public bool SupportsScratchRepair => _scratchEncode is not null && _scratchAttention is not null && _scratchDecode is not null;

    /// <summary>Restores unstructured damage: E_A → mapping → G_B. Sides must be multiples of 4.</summary>
    public float[] RestoreQuality(float[] image, int height, int width)
    {
        var session = _quality ?? throw new InvalidOperationException("This model package has no quality restoration graph.");
        RequireImage(image, height, width);
        using var input = OrtValue.CreateTensorValueFromMemory(image, [1, 3, height, width]);
        using var outputs = session.Run(_runOptions, [session.InputNames[0]], [input], session.OutputNames);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>
    /// Restores with a scratch mask: the partial non-local block fills holes from valid positions anywhere in
    /// the photo. <paramref name="chunkRows"/> query rows are attended at a time.
    /// </summary>
    public float[] RestoreScratch(
        float[] image, float[] mask, int height, int width, int chunkRows = 1024,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!SupportsScratchRepair)
        {
            throw new InvalidOperationException("This model package has no scratch restoration graphs.");
        }
        RequireImage(image, height, width);
        if (mask.Length != height * width)
        {
            throw new ArgumentException($"The mask has {mask.Length} values; a {width}×{height} image needs {height * width}.", nameof(mask));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);

        using var imageValue = OrtValue.CreateTensorValueFromMemory(image, [1, 3, height, width]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, [1, 1, height, width]);
        // The features, keys (φ) and values (g) stay where the graphs run: on a GPU, handing them back to the host
        // would send φ and g to the device again for every chunk of the attention (a 12 MP scan has thousands). θ
        // comes to the host, since each chunk takes a block of its rows; so does the validity, which the attention
        // reads in another shape and binds once.
        using var encodeBinding = _scratchEncode!.CreateIoBinding();
        encodeBinding.BindInput("image", imageValue);
        encodeBinding.BindInput("mask", maskValue);
        encodeBinding.BindOutputToDevice("features", _deviceMemory);
        encodeBinding.BindOutputToDevice("theta", OrtMemoryInfo.DefaultInstance);
        encodeBinding.BindOutputToDevice("phi", _deviceMemory);
        encodeBinding.BindOutputToDevice("g", _deviceMemory);
        encodeBinding.BindOutputToDevice("valid", OrtMemoryInfo.DefaultInstance);
        _scratchEncode.RunWithBinding(_runOptions, encodeBinding);
        // The host reads θ and the validity next; on a GPU their copies must have landed.
        encodeBinding.SynchronizeBoundOutputs();
        using var encoded = encodeBinding.GetOutputValues();
        // In the order they were bound.
        var (features, theta, phi, g, validity) = (encoded[0], encoded[1], encoded[2], encoded[3], encoded[4]);
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(0.1);

        long[] featureShape = features.GetTensorTypeAndShape().Shape;
        long channels = featureShape[1];
        long positions = featureShape[2] * featureShape[3];
        float[] valid = validity.GetTensorDataAsSpan<float>().ToArray();
        using var validRows = OrtValue.CreateTensorValueFromMemory(valid, [1, 1, positions]);

        float[] attended = MaskedAttentionChunks.Run(
            _scratchAttention!, _runOptions, theta, phi, g, validRows, positions, channels, chunkRows,
            new InlineProgress<double>(p => progress?.Report(0.1 + 0.8 * p)), cancellationToken);

        using var attendedValue = OrtValue.CreateTensorValueFromMemory(attended, [1, positions, channels]);
        using var decodeBinding = _scratchDecode!.CreateIoBinding();
        decodeBinding.BindInput("features", features);
        decodeBinding.BindInput("attended", attendedValue);
        decodeBinding.BindInput("valid", validity);
        decodeBinding.BindOutputToDevice("restored", OrtMemoryInfo.DefaultInstance);
        _scratchDecode.RunWithBinding(_runOptions, decodeBinding);
        decodeBinding.SynchronizeBoundOutputs();
        using var decoded = decodeBinding.GetOutputValues();
        progress?.Report(1.0);
        return decoded[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose()
    {
        _quality?.Dispose();
        _scratchEncode?.Dispose();
        _scratchAttention?.Dispose();
        _scratchDecode?.Dispose();
        _runOptions.Dispose();
        _deviceMemory.Dispose();
    }

    private static InferenceSession? Open(byte[]? graph, ExecutionProviderSelector providers)
    {
        if (graph is null)
        {
            return null;
        }
        using var options = providers.CreateSessionOptions();
        return new InferenceSession(graph, options);
    }

    private static void RequireImage(float[] image, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (height % 4 != 0 || width % 4 != 0 || height < 4 || width < 4)
        {
            throw new ArgumentException($"The restoration network needs sides that are positive multiples of 4; got {width}×{height}.");
        }
        if (image.Length != 3 * height * width)
        {
            throw new ArgumentException($"The image has {image.Length} values; a {width}×{height} RGB image needs {3 * height * width}.", nameof(image));
        }
    }
}
