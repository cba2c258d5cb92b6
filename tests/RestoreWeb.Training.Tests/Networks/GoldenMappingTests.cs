using System.Text.Json;
using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

/// <summary>Cases mapping_quality_tiny, mapping_scratch_tiny and mapping_scratch_tiny_nomask (map_mc 128).</summary>
public sealed class GoldenMappingTests(ITestOutputHelper output)
{
    [Fact]
    public void Golden_mapping_quality_tiny_matches_with_the_weights_renamed_through_the_manifest_key_map()
    {
        using var scope = NewDisposeScope();
        using var scratchWeights = Golden.StateDict("mapping_scratch_tiny.state_dict.pth");
        var renamed = RenameForQualityMapping(scratchWeights);
        var shape = ArchitectureInference.QualityMapping(renamed);
        Assert.Equal(new MappingArchitecture(64, 128, 6, 0), shape);
        using var mapping = new MappingNetwork(shape.LatentChannels, shape.Width, shape.Blocks);
        StateDictLoader.LoadStrict(mapping, renamed, "mapping_scratch_tiny (renamed)");
        mapping.eval();
        using var noGrad = no_grad();

        var mapped = mapping.call(Golden.Array("mapping_quality_tiny.input_latent.npy"));

        Report("mapping_quality_tiny", "output", Golden.Array("mapping_quality_tiny.output.npy"), mapped);
    }

    [Theory]
    [InlineData(AttentionForm.Chunked)]
    [InlineData(AttentionForm.Dense)]
    public void Golden_mapping_scratch_tiny_matches_with_the_scratch_mask(AttentionForm form)
    {
        using var scope = NewDisposeScope();
        using var mapping = LoadScratchMapping(form);
        using var noGrad = no_grad();
        var mask = Golden.Array("mapping_scratch_tiny.input_mask.npy");
        var maskCopy = mask.clone();

        var mapped = mapping.call(Golden.Array("mapping_scratch_tiny.input_latent.npy"), mask);

        Report("mapping_scratch_tiny", "output", Golden.Array("mapping_scratch_tiny.output.npy"), mapped, form);
        Assert.True(mask.equal(maskCopy).all().item<bool>(), "the caller's mask must not be modified");
    }

    [Theory]
    [InlineData(AttentionForm.Chunked)]
    [InlineData(AttentionForm.Dense)]
    public void Golden_mapping_scratch_tiny_nomask_matches_with_an_all_zero_mask(AttentionForm form)
    {
        using var scope = NewDisposeScope();
        using var mapping = LoadScratchMapping(form);
        using var noGrad = no_grad();

        var mapped = mapping.call(
            Golden.Array("mapping_scratch_tiny.input_latent.npy"),
            Golden.Array("mapping_scratch_tiny_nomask.input_mask.npy"));

        Report("mapping_scratch_tiny_nomask", "output", Golden.Array("mapping_scratch_tiny_nomask.output.npy"), mapped, form);
    }

    [Fact]
    public void Golden_mapping_scratch_tiny_chunk_size_does_not_change_the_result()
    {
        using var scope = NewDisposeScope();
        using var mapping = LoadScratchMapping(AttentionForm.Chunked);
        using var noGrad = no_grad();
        var latent = Golden.Array("mapping_scratch_tiny.input_latent.npy");
        var mask = Golden.Array("mapping_scratch_tiny.input_mask.npy");

        mapping.NonLocal.AttentionRowChunk = 384;
        var whole = mapping.call(latent, mask);
        mapping.NonLocal.AttentionRowChunk = 7;
        var small = mapping.call(latent, mask);

        // Summation order differs between chunkings; the instance norms after the block magnify float32 rounding
        // (see the golden README), so the bound is relative to the output's scale.
        double relative = (whole - small).abs().max().item<float>() / whole.abs().max().item<float>();
        output.WriteLine($"chunk 384 vs chunk 7: rel={relative:E2}");
        Assert.True(relative < 1e-4, $"relative difference {relative:E2}");
    }

    /// <summary>The manifest's rule: keys whose first two components are a key-map entry are renamed, others dropped.</summary>
    private static Dictionary<string, Tensor> RenameForQualityMapping(StateDict source)
    {
        var keyMap = Golden.Case("mapping_quality_tiny").GetProperty("state_dict_from").GetProperty("key_map_prefix")
            .EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        var renamed = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            string[] parts = key.Split('.');
            string prefix = parts[0] + "." + parts[1];
            if (keyMap.TryGetValue(prefix, out var replacement))
            {
                renamed[replacement + key[prefix.Length..]] = value;
            }
        }

        return renamed;
    }

    private static MaskedMappingNetwork LoadScratchMapping(AttentionForm form)
    {
        var mapping = OfficialCheckpoints.LoadScratchMapping(Golden.PathOf("mapping_scratch_tiny.state_dict.pth"));
        mapping.eval();
        mapping.NonLocal.Attention = form;
        return mapping;
    }

    private void Report(string caseName, string outputName, Tensor expected, Tensor actual, AttentionForm? form = null)
    {
        double tolerance = Golden.Tolerance(caseName, outputName);
        string label = $"{caseName}.{outputName}" + (form is null ? string.Empty : $" ({form})");
        double relative = Golden.AssertClose(expected, actual, tolerance, label);
        output.WriteLine($"GOLDEN {label} rel={relative:E2} tol={tolerance:E0}");
    }
}
