using System.Globalization;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Checkpoints;

/// <summary>Constructor arguments of a VAE, read off a state dict.</summary>
public sealed record VaeArchitecture(long Width, long ImageChannels);

/// <summary>Constructor arguments of a mapping network, read off a state dict.</summary>
/// <param name="Blocks">Residual blocks (quality mapping) or blocks after the non-local block (scratch mapping).</param>
/// <param name="NonLocalBlocks">Residual blocks inside the partial non-local block; 0 for the other mappings.</param>
public sealed record MappingArchitecture(long LatentChannels, long Width, int Blocks, int NonLocalBlocks);

/// <summary>Constructor arguments of the scratch detector, read off a state dict.</summary>
public sealed record DetectorArchitecture(int Wf, int Depth, long InputChannels, long OutputChannels);

/// <summary>Constructor arguments of a multiscale discriminator, read off a state dict.</summary>
public sealed record DiscriminatorArchitecture(long InputChannels, long Width, int Layers, int Scales, bool SpectralNorm);

/// <summary>
/// Infers the widths and depths of an official network from the shapes in its state dict, so that checkpoints of
/// any width (the published ones, the golden "tiny" ones, compact ones) load without naming a preset. The strict
/// load that follows still checks every key and shape.
/// </summary>
public static partial class ArchitectureInference
{
    public static VaeArchitecture Vae(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        var stem = Require(stateDict, "encoder.1.weight", "VAE");
        return new VaeArchitecture(stem.shape[0], stem.shape[1]);
    }

    public static MappingArchitecture QualityMapping(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        const string network = "quality mapping";
        var first = Require(stateDict, "model.0.weight", network);
        var widest = Require(stateDict, "model.9.weight", network);
        return new MappingArchitecture(first.shape[1], widest.shape[0], Count(stateDict, ModelBlock()), 0);
    }

    public static MappingArchitecture ScratchMapping(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        const string network = "scratch mapping";
        var first = Require(stateDict, "before_NL.0.weight", network);
        var widest = Require(stateDict, "before_NL.9.weight", network);
        Require(stateDict, "NL.g.weight", network);
        return new MappingArchitecture(
            first.shape[1], widest.shape[0], Count(stateDict, AfterBlock()), Count(stateDict, NonLocalBlock()));
    }

    public static MappingArchitecture PatchAttentionMapping(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        const string network = "HR patch-attention mapping";
        var first = Require(stateDict, "before_NL.0.weight", network);
        var widest = Require(stateDict, "before_NL.9.weight", network);
        Require(stateDict, "NL_scale_1.F_Combine.weight", network);
        return new MappingArchitecture(first.shape[1], widest.shape[0], 0, 0);
    }

    public static DetectorArchitecture Detector(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        const string network = "scratch detector";
        var stem = Require(stateDict, "first.1.weight", network);
        var head = Require(stateDict, "last.1.weight", network);
        long channels = stem.shape[0];
        if (channels <= 0 || (channels & (channels - 1)) != 0)
        {
            throw new InvalidDataException(
                $"The {network} checkpoint's first layer has {channels} channels, which is not a power of two (2^wf).");
        }

        int wf = (int)Math.Log2(channels);
        return new DetectorArchitecture(wf, Count(stateDict, DownBlock()), stem.shape[1], head.shape[0]);
    }

    public static DiscriminatorArchitecture Discriminator(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        const string network = "discriminator";
        bool spectral = stateDict.ContainsKey("scale0_layer0.0.weight_orig");
        var stem = Require(stateDict, spectral ? "scale0_layer0.0.weight_orig" : "scale0_layer0.0.weight", network);
        int scales = Count(stateDict, ScaleStem());
        int stages = Count(stateDict, ScaleZeroStage());
        if (stages < 3)
        {
            throw new InvalidDataException(
                $"The {network} checkpoint has {stages} stage(s) per scale; at least 3 are needed.");
        }

        return new DiscriminatorArchitecture(stem.shape[1], stem.shape[0], stages - 2, scales, spectral);
    }

    private static Tensor Require(IReadOnlyDictionary<string, Tensor> stateDict, string key, string network)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        return stateDict.TryGetValue(key, out var tensor)
            ? tensor
            : throw new InvalidDataException(
                $"This does not look like a {network} checkpoint: it has no '{key}' entry " +
                $"(its {stateDict.Count} keys start with " +
                $"{string.Join(", ", stateDict.Keys.Order(StringComparer.Ordinal).Take(3))}).");
    }

    /// <summary>How many distinct indices the pattern's first group takes over all keys.</summary>
    private static int Count(IReadOnlyDictionary<string, Tensor> stateDict, Regex pattern) =>
        stateDict.Keys
            .Select(key => pattern.Match(key))
            .Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            .Distinct()
            .Count();

    [GeneratedRegex(@"^model\.(\d+)\.conv_block\.1\.weight$")]
    private static partial Regex ModelBlock();

    [GeneratedRegex(@"^after_NL\.(\d+)\.conv_block\.1\.weight$")]
    private static partial Regex AfterBlock();

    [GeneratedRegex(@"^NL\.res_block\.(\d+)\.conv_block\.1\.weight$")]
    private static partial Regex NonLocalBlock();

    [GeneratedRegex(@"^down_path\.(\d+)\.block\.1\.weight$")]
    private static partial Regex DownBlock();

    [GeneratedRegex(@"^scale(\d+)_layer0\.0\.bias$")]
    private static partial Regex ScaleStem();

    [GeneratedRegex(@"^scale0_layer(\d+)\.0\.bias$")]
    private static partial Regex ScaleZeroStage();
}
