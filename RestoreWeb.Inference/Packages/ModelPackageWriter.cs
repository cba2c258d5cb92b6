using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace RestoreWeb.Inference.Packages;

/// <summary>Writes a model package: the graphs, their hashes in the manifest, atomically (write, then rename).</summary>
public static class ModelPackageWriter
{
    /// <param name="manifest">Everything but <see cref="ModelManifest.Files"/>, which is filled in here.</param>
    public static ModelManifest Write(string path, ModelManifest manifest, IReadOnlyDictionary<GraphRole, byte[]> graphs)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(graphs);
        var files = graphs.OrderBy(g => g.Key)
            .Select(g => new PackageFile(GraphSignature.FileName(g.Key), g.Key, g.Value.Length, Convert.ToHexStringLower(SHA256.HashData(g.Value))))
            .ToList();
        var complete = manifest with { Files = files };

        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = File.Create(temporary))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                var manifestEntry = zip.CreateEntry(ModelPackage.ManifestEntry, CompressionLevel.Optimal);
                using (var writer = manifestEntry.Open())
                {
                    JsonSerializer.Serialize(writer, complete, ModelManifest.SerializerOptions);
                }
                foreach (var file in files)
                {
                    var entry = zip.CreateEntry(file.Path, CompressionLevel.Optimal);
                    using var writer = entry.Open();
                    writer.Write(graphs[file.Role]);
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
        return complete;
    }
}
