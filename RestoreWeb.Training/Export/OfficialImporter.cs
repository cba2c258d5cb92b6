using System.Security.Cryptography;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Export;

/// <summary>
/// Turns the published checkpoints into a model package. Every file is loaded strictly into the network its
/// shapes describe (no silent partial load, unlike the official code's fallback to random weights), then exported.
/// </summary>
public static class OfficialImporter
{
    public static ModelManifest Import(string checkpoints, string packagePath, string name, string version, IProgress<string>? progress = null, bool forGpu = false)
    {
        var layout = OfficialCheckpointLayout.Find(checkpoints);
        var modules = new List<nn.Module>();
        T Load<T>(string label, Func<T> load) where T : nn.Module
        {
            progress?.Report($"Loading {label}");
            var module = load();
            module.eval();
            modules.Add(module);
            return module;
        }

        try
        {
            var vaeA = Load("VAE_A_quality", () => OfficialCheckpoints.LoadVae(layout.VaeA));
            var vaeB = Load("VAE_B_quality", () => OfficialCheckpoints.LoadVae(layout.QualityVaeB));
            var quality = Load("mapping_quality", () => OfficialCheckpoints.LoadQualityMapping(layout.QualityMapping));
            var scratchVaeB = layout.ScratchVaeB is null ? null : Load("VAE_B_scratch", () => OfficialCheckpoints.LoadVae(layout.ScratchVaeB));
            var scratch = layout.ScratchMapping is null ? null : Load("mapping_scratch", () => OfficialCheckpoints.LoadScratchMapping(layout.ScratchMapping));
            var detector = layout.Detector is null ? null : Load("detector", () => OfficialCheckpoints.LoadDetector(layout.Detector));
            if (layout.PatchAttentionMapping is not null)
            {
                // Verified so that a broken file is reported now; the HR mode is not served yet, so it is not exported.
                Load("mapping_Patch_Attention", () => OfficialCheckpoints.LoadPatchAttentionMapping(layout.PatchAttentionMapping));
            }

            var preset = ArchitecturePresets.Official with
            {
                Name = "imported",
                VaeWidth = (int)vaeA.Width,
                MappingWidth = (int)quality.Width,
                MappingBlocks = quality.Blocks,
                NonLocalBlocks = scratch?.NonLocal.ResidualBlocks ?? ArchitecturePresets.Official.NonLocalBlocks,
                DetectorWf = detector?.Wf ?? ArchitecturePresets.Official.DetectorWf,
                DetectorDepth = detector?.Depth ?? ArchitecturePresets.Official.DetectorDepth,
            };

            progress?.Report("Exporting ONNX graphs");
            var weights = new RestorationWeights(
                vaeA.state_dict(), vaeB.state_dict(), quality.state_dict(),
                scratchVaeB?.state_dict(), scratch?.state_dict(), detector?.state_dict());
            var provenance = new Provenance
            {
                Command = $"import-official {checkpoints}",
                Notes = layout.PatchAttentionMapping is null
                    ? "Imported from the published checkpoints."
                    : "Imported from the published checkpoints; mapping_Patch_Attention was verified but the HR mode is not part of this package.",
                DataHashes = layout.Files.ToDictionary(
                    file => Path.GetRelativePath(checkpoints, file).Replace('\\', '/'),
                    file => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))),
                    StringComparer.Ordinal),
            };
            return ModelPackageExporter.Export(packagePath, weights, preset, name, version, ModelSource.Imported, provenance, forGpu: forGpu);
        }
        finally
        {
            modules.ForEach(m => m.Dispose());
        }
    }
}
