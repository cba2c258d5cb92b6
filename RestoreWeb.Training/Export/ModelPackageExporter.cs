using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Training.Networks;

namespace RestoreWeb.Training.Export;

/// <summary>
/// Exports every graph of a set of weights and writes them as one model package. By default the widest 3×3
/// convolutions are written in Winograd form, which halves their work on a CPU; a package for GPUs writes them
/// directly, because on an H100 the Winograd form ran 2–2.7× slower than cuDNN's own convolutions.
/// </summary>
public static class ModelPackageExporter
{
    public static ModelManifest Export(
        string path,
        RestorationWeights weights,
        ArchitecturePreset preset,
        string name,
        string version,
        ModelSource source,
        Provenance? provenance = null,
        IReadOnlyDictionary<string, double>? metrics = null,
        InputConstraints? input = null,
        bool forGpu = false)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(preset);
        var (graphs, costs) = ExportGraphs(weights, forGpu ? int.MaxValue : RestorationExporter.DefaultWinogradMinChannels);
        provenance ??= new Provenance();
        if (forGpu)
        {
            provenance = provenance with { Notes = string.Join(" ", new[] { provenance.Notes, GpuNote }.Where(n => !string.IsNullOrEmpty(n))) };
        }

        var manifest = new ModelManifest
        {
            Name = name,
            Version = version,
            Created = DateTimeOffset.UtcNow,
            Source = source,
            Preset = JsonSerializer.SerializeToNode(preset, ModelManifest.SerializerOptions)!.AsObject(),
            Input = input ?? InputFor(preset),
            Costs = costs,
            Files = [],
            Metrics = metrics ?? new Dictionary<string, double>(),
            Provenance = provenance,
        };
        return ModelPackageWriter.Write(path, manifest, graphs);
    }

    /// <summary>What the provenance notes of a package for GPUs say.</summary>
    public const string GpuNote = "Convolutions written directly, for GPUs (no Winograd form).";

    /// <summary>The input constraints of a preset's graphs, with the official detector threshold.</summary>
    public static InputConstraints InputFor(ArchitecturePreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return new InputConstraints { DetectorSizeMultiple = 1 << preset.DetectorDepth };
    }

    /// <summary>Every graph the weights allow, serialized, and their per-pixel costs for the planner.</summary>
    public static (Dictionary<GraphRole, byte[]> Graphs, GraphCosts Costs) ExportGraphs(
        RestorationWeights weights, int winogradMinChannels = RestorationExporter.DefaultWinogradMinChannels)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var graphs = new Dictionary<GraphRole, byte[]>();
        var quality = RestorationExporter.Quality(weights.VaeA, weights.QualityMapping, weights.QualityVaeB, winogradMinChannels);
        graphs[GraphRole.Quality] = quality.ToByteArray();
        var (qualityFlops, qualityBytes) = GraphCost.Measure(quality, RestorationExporter.QualityImageInput);
        var costs = new GraphCosts
        {
            QualityFlopsPerPixel = qualityFlops,
            QualityLargestActivationBytesPerPixel = qualityBytes,
            WeightBytes = WeightBytes(weights.VaeA) + WeightBytes(weights.QualityVaeB) + WeightBytes(weights.QualityMapping),
        };

        if (weights.ScratchMapping is not null)
        {
            var vaeB = weights.ScratchVaeB ?? weights.QualityVaeB;
            var (encode, attention, decode) = RestorationExporter.Scratch(weights.VaeA, weights.ScratchMapping, vaeB);
            graphs[GraphRole.ScratchEncode] = encode.ToByteArray();
            graphs[GraphRole.ScratchAttention] = attention.ToByteArray();
            graphs[GraphRole.ScratchDecode] = decode.ToByteArray();
            var (encodeFlops, encodeBytes) = GraphCost.Measure(encode, ScratchGraphs.ImageInput);
            // The decode graph starts at latent resolution: 1/16 of the pixels.
            var (decodeFlops, decodeBytes) = GraphCost.Measure(decode, ScratchGraphs.FeaturesName);
            int scale = 4;
            costs = costs with
            {
                ScratchFlopsPerPixel = encodeFlops + decodeFlops / (scale * scale),
                ScratchLargestActivationBytesPerPixel = Math.Max(encodeBytes, decodeBytes / (scale * scale)),
                AttentionChannels = (int)weights.ScratchMapping["NL.theta.weight"].shape[0],
                LatentScale = scale,
                WeightBytes = costs.WeightBytes + WeightBytes(weights.ScratchMapping) + (weights.ScratchVaeB is null ? 0 : WeightBytes(weights.ScratchVaeB)),
            };
        }

        if (weights.Detector is not null)
        {
            var detector = DetectorGraph.Export(weights.Detector);
            graphs[GraphRole.Detector] = detector.ToByteArray();
            var (detectorFlops, detectorBytes) = GraphCost.Measure(detector, DetectorGraph.LumaInput);
            costs = costs with
            {
                DetectorFlopsPerPixel = detectorFlops,
                DetectorLargestActivationBytesPerPixel = detectorBytes,
                WeightBytes = costs.WeightBytes + WeightBytes(weights.Detector),
            };
        }

        return (graphs, costs);
    }

    private static long WeightBytes(IReadOnlyDictionary<string, TorchSharp.torch.Tensor> weights) =>
        weights.Values.Sum(t => t.numel() * t.element_size());
}
