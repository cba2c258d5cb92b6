namespace RestoreWeb.Inference.Packages;

/// <summary>
/// The input and output names (in order) and ranks a graph of each role must have. The exporter writes these
/// names and the package loader checks them, so a graph from elsewhere is refused at load, not at the first photo.
/// </summary>
public sealed record GraphSignature(GraphRole Role, IReadOnlyList<TensorSignature> Inputs, IReadOnlyList<TensorSignature> Outputs)
{
    public static IReadOnlyDictionary<GraphRole, GraphSignature> All { get; } = new Dictionary<GraphRole, GraphSignature>
    {
        [GraphRole.Quality] = new(GraphRole.Quality, [new("image", 4)], [new("restored", 4)]),
        [GraphRole.ScratchEncode] = new(GraphRole.ScratchEncode,
            [new("image", 4), new("mask", 4)],
            [new("features", 4), new("theta", 3), new("phi", 3), new("g", 3), new("valid", 4)]),
        [GraphRole.ScratchAttention] = new(GraphRole.ScratchAttention,
            [new("theta_rows", 3), new("phi", 3), new("g", 3), new("valid", 3)],
            [new("attended_rows", 3)]),
        [GraphRole.ScratchDecode] = new(GraphRole.ScratchDecode,
            [new("features", 4), new("attended", 3), new("valid", 4)],
            [new("restored", 4)]),
        [GraphRole.Detector] = new(GraphRole.Detector, [new("luma", 4)], [new("logits", 4)]),
    };

    /// <summary>The file name a graph of this role has inside a package.</summary>
    public static string FileName(GraphRole role) => role switch
    {
        GraphRole.Quality => "graphs/restore_quality.onnx",
        GraphRole.ScratchEncode => "graphs/restore_scratch_encode.onnx",
        GraphRole.ScratchAttention => "graphs/restore_scratch_attention.onnx",
        GraphRole.ScratchDecode => "graphs/restore_scratch_decode.onnx",
        GraphRole.Detector => "graphs/detect_scratches.onnx",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown graph role."),
    };
}

public sealed record TensorSignature(string Name, int Rank);
