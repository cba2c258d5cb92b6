using System.Text.Json;
using RestoreWeb.Inference.Validation;

namespace RestoreWeb.Server.Models;

/// <summary>One built-in sample: the clean crop, its damaged version and, for structured damage, the drawn mask.</summary>
public sealed record ValidationSample(ValidationSetItem Item, byte[] Clean, byte[] Damaged, byte[]? Mask);

/// <summary>The built-in synthetic validation set (Models/ValidationSet, embedded in the assembly).</summary>
public sealed class ValidationSet
{
    private ValidationSet(IReadOnlyList<ValidationSample> samples) => Samples = samples;

    public IReadOnlyList<ValidationSample> Samples { get; }

    public ValidationSample? Find(string name) => Samples.FirstOrDefault(s => string.Equals(s.Item.Name, name, StringComparison.Ordinal));

    public static ValidationSet LoadEmbedded()
    {
        var assembly = typeof(ValidationSet).Assembly;
        byte[] Read(string file)
        {
            using var stream = assembly.GetManifestResourceStream($"ValidationSet/{file}")
                ?? throw new InvalidOperationException($"The built-in validation set lacks {file}; the server was built without it.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        var index = JsonSerializer.Deserialize<ValidationSetIndex>(Read(ValidationSetIndex.FileName), ValidationSetIndex.SerializerOptions)
            ?? throw new InvalidOperationException("The built-in validation set's index is empty.");
        return new ValidationSet([.. index.Items.Select(i => new ValidationSample(i, Read(i.Clean), Read(i.Damaged), i.Mask is null ? null : Read(i.Mask)))]);
    }
}
