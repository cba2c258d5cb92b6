using System.Text.Json;

namespace RestoreWeb.Inference.Validation;

/// <summary>
/// set.json of a synthetic validation set: clean crops of held-out photos and their damaged versions, made once by
/// the training program's validation-set command and shipped as data, so that the server scores a model version
/// without the degradation code (and without TorchSharp).
/// </summary>
public sealed record ValidationSetIndex(int Seed, string Photos, IReadOnlyList<ValidationSetItem> Items)
{
    public const string FileName = "set.json";

    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <param name="Name">Short identifier, also the sample name in the admin compare view.</param>
/// <param name="Source">The photo the crop was taken from.</param>
/// <param name="Licence">The source photo's licence.</param>
/// <param name="Damage">unstructured or structured.</param>
/// <param name="Clean">PNG file of the clean crop.</param>
/// <param name="Damaged">PNG file of the damaged crop.</param>
/// <param name="Mask">PNG file of the drawn scratch mask (structured damage only).</param>
public sealed record ValidationSetItem(string Name, string Source, string Licence, string Damage, string Clean, string Damaged, string? Mask);
