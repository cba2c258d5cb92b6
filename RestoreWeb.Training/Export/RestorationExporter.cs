using Onnx;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Export;

/// <summary>Names of the ONNX graphs a model package carries.</summary>
public static class RestorationGraphFiles
{
    public const string Quality = "restore_quality.onnx";
    public const string ScratchEncode = "restore_scratch_encode.onnx";
    public const string ScratchAttention = "restore_scratch_attention.onnx";
    public const string ScratchDecode = "restore_scratch_decode.onnx";
    public const string Detector = "detect_scratches.onnx";
}

/// <summary>
/// Exports the restoration graphs from state dicts with the official key names: VAE A (its encoder is used),
/// VAE B (its decoder), and the quality or scratch mapping.
/// </summary>
public static class RestorationExporter
{
    public const string QualityImageInput = "image";
    public const string QualityRestoredOutput = "restored";

    /// <summary>
    /// 3×3 convolutions with at least this many channels in and out go into the quality graph in Winograd form:
    /// the official mapping's 512-channel layers and its 256↔512 ones.
    /// </summary>
    public const int DefaultWinogradMinChannels = 256;

    /// <summary>E_A → quality mapping → G_B, image (N,3,H,W) in [-1,1] → restored image in [-1,1].</summary>
    public static ModelProto Quality(
        IReadOnlyDictionary<string, Tensor> vaeA,
        IReadOnlyDictionary<string, Tensor> mapping,
        IReadOnlyDictionary<string, Tensor> vaeB,
        int winogradMinChannels = DefaultWinogradMinChannels)
    {
        var weights = Merge(("vaeA.", vaeA), ("mapping.", mapping), ("vaeB.", vaeB));
        var g = new OnnxGraphBuilder("restore_quality", weights) { WinogradMinChannels = winogradMinChannels };
        string image = g.Input(QualityImageInput, "batch", 3, "height", "width");
        string latent = VaeGraph.Encode(g, image, "vaeA.encoder");
        string mapped = MappingGraph.Quality(g, latent, "mapping.model");
        g.Output(QualityRestoredOutput, VaeGraph.Decode(g, mapped, "vaeB.decoder"), "batch", 3, "height", "width");
        return g.Build("RestoreWeb quality restoration: E_A -> mapping -> G_B; input and output in [-1,1], sides multiples of 4.");
    }

    /// <summary>The three graphs of the restoration with a scratch mask (see <see cref="ScratchGraphs"/>).</summary>
    public static (ModelProto Encode, ModelProto Attention, ModelProto Decode) Scratch(
        IReadOnlyDictionary<string, Tensor> vaeA,
        IReadOnlyDictionary<string, Tensor> mapping,
        IReadOnlyDictionary<string, Tensor> vaeB)
    {
        var weights = Merge(("vaeA.", vaeA), ("mapping.", mapping), ("vaeB.", vaeB));
        return (
            ScratchGraphs.Encode(weights).Build("RestoreWeb scratch restoration, part 1: image + mask -> latent features and attention projections."),
            ScratchGraphs.AttentionChunk(weights).Build("RestoreWeb scratch restoration, part 2: one chunk of masked attention rows."),
            ScratchGraphs.Decode(weights).Build("RestoreWeb scratch restoration, part 3: fusion, mapping tail and G_B."));
    }

    private static Dictionary<string, Tensor> Merge(params (string Prefix, IReadOnlyDictionary<string, Tensor> Weights)[] parts)
    {
        var merged = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (prefix, weights) in parts)
        {
            ArgumentNullException.ThrowIfNull(weights);
            foreach (var (key, tensor) in weights)
            {
                merged[prefix + key] = tensor;
            }
        }
        return merged;
    }
}
