using static TorchSharp.torch;

namespace RestoreWeb.Training.Export;

/// <summary>
/// The state dicts a model package is exported from, named as in the official checkpoint folders: VAE A's
/// encoder serves both modes; quality and scratch modes have their own VAE B decoder and mapping.
/// </summary>
public sealed record RestorationWeights(
    IReadOnlyDictionary<string, Tensor> VaeA,
    IReadOnlyDictionary<string, Tensor> QualityVaeB,
    IReadOnlyDictionary<string, Tensor> QualityMapping,
    IReadOnlyDictionary<string, Tensor>? ScratchVaeB = null,
    IReadOnlyDictionary<string, Tensor>? ScratchMapping = null,
    IReadOnlyDictionary<string, Tensor>? Detector = null);
