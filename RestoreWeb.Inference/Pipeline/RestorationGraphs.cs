namespace RestoreWeb.Inference.Pipeline;

/// <summary>The serialized ONNX graphs of a model package; any of them may be absent.</summary>
public sealed record RestorationGraphs(
    byte[]? Quality,
    byte[]? ScratchEncode,
    byte[]? ScratchAttention,
    byte[]? ScratchDecode,
    byte[]? Detector);
