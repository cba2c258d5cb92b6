namespace RestoreWeb.Inference.Packages;

/// <summary>What an ONNX graph in a model package is for.</summary>
public enum GraphRole
{
    /// <summary>E_A → quality mapping → G_B, for unstructured damage.</summary>
    Quality,

    /// <summary>Scratch mode part 1: image + mask → latent features and attention projections.</summary>
    ScratchEncode,

    /// <summary>Scratch mode part 2: one chunk of masked attention rows.</summary>
    ScratchAttention,

    /// <summary>Scratch mode part 3: fusion, the rest of the mapping and G_B.</summary>
    ScratchDecode,

    /// <summary>The scratch-detection U-Net: luma → scratch logits.</summary>
    Detector,
}
