using System.Text.Json;
using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Networks;

public sealed class ArchitecturePresetTests(ITestOutputHelper output)
{
    [Fact]
    public void Presets_round_trip_through_System_Text_Json()
    {
        foreach (var preset in ArchitecturePresets.All)
        {
            string json = JsonSerializer.Serialize(preset);

            Assert.Equal(preset, JsonSerializer.Deserialize<ArchitecturePreset>(json));
            Assert.Contains($"\"MappingWidth\":{preset.MappingWidth}", json, StringComparison.Ordinal);
            Assert.DoesNotContain("DetectorWidth", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Official_preset_has_the_published_widths()
    {
        var official = ArchitecturePresets.Official;

        Assert.Equal(
            (64, 512, 6, 3, 64, 4, 64, 3, 2, 64, 1),
            (official.VaeWidth, official.MappingWidth, official.MappingBlocks, official.NonLocalBlocks,
             official.DetectorWidth, official.DetectorDepth, official.DiscriminatorWidth, official.DiscriminatorLayers,
             official.DiscriminatorScales, official.LatentDiscriminatorWidth, official.LatentDiscriminatorScales));
    }

    [Fact]
    public void Presets_are_found_by_name_and_an_unknown_name_lists_the_known_ones()
    {
        Assert.Same(ArchitecturePresets.Compact, ArchitecturePresets.Get("COMPACT"));

        var error = Assert.Throws<ArgumentException>(() => ArchitecturePresets.Get("huge"));

        Assert.Contains("official, compact", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inconsistent_preset_is_rejected_naming_every_problem()
    {
        var broken = ArchitecturePresets.Compact with { Name = "broken", MappingWidth = 32, DetectorDepth = 0 };

        var error = Assert.Throws<ArgumentException>(() => broken.CreateScratchMapping());

        Assert.Contains("MappingWidth 32 < 2 × VaeWidth (64)", error.Message, StringComparison.Ordinal);
        Assert.Contains("DetectorDepth 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_wider_than_its_ramp_reaches_is_rejected_by_the_preset()
    {
        var wide = ArchitecturePresets.Compact with { Name = "wide", MappingWidth = 1024 };

        var error = Assert.Throws<ArgumentException>(() => wide.CreateQualityMapping());

        Assert.Contains("MappingWidth 1024 > 16 × VaeWidth (512)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compact_networks_run_end_to_end_on_a_small_image()
    {
        using var scope = NewDisposeScope();
        var compact = ArchitecturePresets.Compact;
        using var vae = compact.CreateVae();
        using var mapping = compact.CreateScratchMapping();
        using var detector = compact.CreateDetector();
        using var discriminator = compact.CreateImageDiscriminator(6, spectralNorm: true);
        using var latentDiscriminator = compact.CreateLatentDiscriminator();
        foreach (var network in new nn.Module[] { vae, mapping, detector, discriminator, latentDiscriminator })
        {
            network.eval();
        }

        using var noGrad = no_grad();
        var image = rand(1, 3, 32, 48) * 2 - 1;
        var mask = zeros(1, 1, 32, 48);
        mask[0, 0, 10, ..] = tensor(1f);

        var latent = vae.Encode(image);
        var restored = vae.Decode(mapping.call(latent, mask));
        var logits = detector.call(image.mean([1], keepdim: true));
        var scores = discriminator.call(cat([image, restored], 1));
        var latentScores = latentDiscriminator.call(latent);

        Assert.Equal(new long[] { 1, compact.VaeWidth, 8, 12 }, latent.shape);
        Assert.Equal(image.shape, restored.shape);
        Assert.Equal(new long[] { 1, 1, 32, 48 }, logits.shape);
        Assert.Equal(compact.DiscriminatorScales, scores.Length);
        Assert.Single(latentScores);
    }

    [Fact]
    public void Parameter_counts_of_every_network_in_both_presets()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var preset in ArchitecturePresets.All)
        {
            foreach (var (name, build) in Networks(preset))
            {
                using var network = build();
                long parameters = network.parameters().Sum(p => p.numel());
                counts[$"{preset.Name}/{name}"] = parameters;
                output.WriteLine($"PARAMS {preset.Name,-8} {name,-26} {parameters,12:N0}");
            }
        }

        Assert.Equal(872_131, counts["official/vae"]);
        Assert.Equal(51_344_704, counts["official/scratch mapping"]);
        Assert.Equal(37_626_177, counts["official/detector"]);
        Assert.All(
            counts.Where(c => c.Key.StartsWith("compact/", StringComparison.Ordinal)),
            c => Assert.True(c.Value < counts["official/" + c.Key["compact/".Length..]], c.Key));
    }

    private static IEnumerable<(string Name, Func<nn.Module> Build)> Networks(ArchitecturePreset preset) =>
    [
        ("vae", () => preset.CreateVae(officialInit: false)),
        ("quality mapping", () => preset.CreateQualityMapping(officialInit: false)),
        ("scratch mapping", () => preset.CreateScratchMapping(officialInit: false)),
        ("HR patch mapping", () => preset.CreatePatchAttentionMapping(officialInit: false)),
        ("detector", preset.CreateDetector),
        ("image D (3 ch, VAE stages)", () => preset.CreateImageDiscriminator(3, spectralNorm: false, officialInit: false)),
        ("image D (6 ch, SN, mapping)", () => preset.CreateImageDiscriminator(6, spectralNorm: true, officialInit: false)),
        ("latent D", () => preset.CreateLatentDiscriminator(officialInit: false)),
    ];
}
