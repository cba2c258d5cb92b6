namespace RestoreWeb.Training.Export;

/// <summary>
/// Where the published checkpoints live: the official release unpacks to <c>checkpoints/restoration/&lt;network&gt;/</c>
/// and <c>checkpoints/detection/FT_Epoch_latest.pt</c>. Either that <c>checkpoints</c> folder or its
/// <c>restoration</c> folder (with the detector next to it or absent) may be given.
/// </summary>
public sealed record OfficialCheckpointLayout(
    string VaeA,
    string QualityVaeB,
    string QualityMapping,
    string? ScratchVaeB,
    string? ScratchMapping,
    string? PatchAttentionMapping,
    string? Detector)
{
    private const string VaeFile = "latest_net_G.pth";
    private const string MappingFile = "latest_net_mapping_net.pth";
    private const string DetectorFile = "FT_Epoch_latest.pt";

    public static OfficialCheckpointLayout Find(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Checkpoint folder '{root}' does not exist.");
        }
        string restoration = Directory.Exists(Path.Combine(root, "restoration")) ? Path.Combine(root, "restoration") : root;
        string? detectionFolder = new[] { Path.Combine(root, "detection"), Path.Combine(Path.GetDirectoryName(Path.GetFullPath(restoration))!, "detection") }
            .FirstOrDefault(Directory.Exists);

        var missing = new List<string>();
        string Required(string folder, string file)
        {
            string path = Path.Combine(restoration, folder, file);
            if (!File.Exists(path))
            {
                missing.Add(Path.Combine(folder, file));
            }
            return path;
        }
        string? Optional(string folder, string file)
        {
            string path = Path.Combine(restoration, folder, file);
            return File.Exists(path) ? path : null;
        }

        var layout = new OfficialCheckpointLayout(
            Required("VAE_A_quality", VaeFile),
            Required("VAE_B_quality", VaeFile),
            Required("mapping_quality", MappingFile),
            Optional("VAE_B_scratch", VaeFile),
            Optional("mapping_scratch", MappingFile),
            Optional("mapping_Patch_Attention", MappingFile),
            detectionFolder is not null && File.Exists(Path.Combine(detectionFolder, DetectorFile)) ? Path.Combine(detectionFolder, DetectorFile) : null);
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"'{restoration}' is not an official checkpoint folder: missing {string.Join(", ", missing)}. " +
                "Expected VAE_A_quality/, VAE_B_quality/ and mapping_quality/ (VAE_B_scratch/, mapping_scratch/, mapping_Patch_Attention/ and ../detection/FT_Epoch_latest.pt are optional).");
        }
        if ((layout.ScratchVaeB is null) != (layout.ScratchMapping is null))
        {
            throw new FileNotFoundException(
                $"'{restoration}' has only one of VAE_B_scratch/{VaeFile} and mapping_scratch/{MappingFile}; scratch repair needs both.");
        }
        return layout;
    }

    public IEnumerable<string> Files => new[] { VaeA, QualityVaeB, QualityMapping, ScratchVaeB, ScratchMapping, PatchAttentionMapping, Detector }
        .OfType<string>();
}
