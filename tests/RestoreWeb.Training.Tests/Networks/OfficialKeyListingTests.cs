using System.Globalization;
using System.Text.RegularExpressions;
using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Tests.Support;
using TorchSharp;

namespace RestoreWeb.Training.Tests.Networks;

/// <summary>
/// The state dicts of the <c>official</c> preset are the published ones: same keys, same order, same shapes and
/// element types as the keys_*.txt listings of the official full-size classes, and the same parameter counts.
/// </summary>
public sealed partial class OfficialKeyListingTests
{
    public static TheoryData<string> Listings => new()
    {
        "keys_vae.txt",
        "keys_mapping_quality.txt",
        "keys_mapping_scratch.txt",
        "keys_mapping_patch_attention.txt",
        "keys_detector_unet.txt",
        "keys_discriminator_mapping.txt",
        "keys_discriminator_latent.txt",
    };

    [Theory]
    [MemberData(nameof(Listings))]
    public void Official_preset_state_dict_equals_the_official_key_listing(string listing)
    {
        var lines = File.ReadAllLines(Golden.PathOf(listing));
        var expected = lines.Where(l => !l.StartsWith('#') && l.Length > 0).Select(l => l.Split('\t')).ToList();
        var header = Header().Match(lines[1]);
        Assert.True(header.Success, lines[1]);

        using var network = Build(listing);
        var actual = StateDictEntries.Of(network)
            .Select(e => new[] { e.Key, "[" + string.Join(", ", e.Value.shape) + "]", DtypeName(e.Value.dtype) })
            .ToList();

        Assert.Equal(expected.Select(e => string.Join('\t', e)), actual.Select(a => string.Join('\t', a)));
        Assert.Equal(int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture), actual.Count);
        Assert.Equal(
            long.Parse(header.Groups[2].Value, CultureInfo.InvariantCulture),
            network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Compact_preset_keeps_the_official_key_names_of_the_VAE_and_the_detector()
    {
        var compact = ArchitecturePresets.Compact;
        using var officialVae = ArchitecturePresets.Official.CreateVae(officialInit: false);
        using var compactVae = compact.CreateVae(officialInit: false);
        Assert.Equal(StateDictEntries.Of(officialVae).Select(e => e.Key), StateDictEntries.Of(compactVae).Select(e => e.Key));

        using var compactDetector = compact.CreateDetector();
        var detectorKeys = File.ReadAllLines(Golden.PathOf("keys_detector_unet.txt"))
            .Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')[0]);
        Assert.Equal(detectorKeys, StateDictEntries.Of(compactDetector).Select(e => e.Key));
    }

    private static torch.nn.Module Build(string listing)
    {
        var official = ArchitecturePresets.Official;
        return listing switch
        {
            "keys_vae.txt" => official.CreateVae(officialInit: false),
            "keys_mapping_quality.txt" => official.CreateQualityMapping(officialInit: false),
            "keys_mapping_scratch.txt" => official.CreateScratchMapping(officialInit: false),
            "keys_mapping_patch_attention.txt" => official.CreatePatchAttentionMapping(officialInit: false),
            "keys_detector_unet.txt" => official.CreateDetector(),
            "keys_discriminator_mapping.txt" => official.CreateImageDiscriminator(6, spectralNorm: true, officialInit: false),
            "keys_discriminator_latent.txt" => official.CreateLatentDiscriminator(officialInit: false),
            _ => throw new ArgumentOutOfRangeException(nameof(listing), listing, "no network for this listing"),
        };
    }

    private static string DtypeName(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 => "float32",
        torch.ScalarType.Int64 => "int64",
        _ => type.ToString(),
    };

    [GeneratedRegex(@"^# (\d+) state_dict entries, (\d+) parameters")]
    private static partial Regex Header();
}
