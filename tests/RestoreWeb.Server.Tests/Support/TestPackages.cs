using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace RestoreWeb.Server.Tests.Support;

/// <summary>Variants of the tiny test package: other versions (new archives, same graphs) and deliberately broken ones.</summary>
public static class TestPackages
{
    private static readonly DateTimeOffset FixedTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Tiny => File.ReadAllBytes(ServerFactory.TinyModelPackage);

    /// <summary>The tiny package as another version: the same graphs in a different archive (another SHA-256).</summary>
    public static byte[] Version(string version) => Rewrite((manifest, _) => manifest["version"] = version);

    public static byte[] WithPreset(string preset) => Rewrite((manifest, _) => manifest["preset"]!["name"] = preset);

    /// <summary>A graph's bytes changed after the manifest recorded its SHA-256.</summary>
    public static byte[] Tampered() => Rewrite((_, graphs) =>
    {
        var graph = graphs["graphs/restore_quality.onnx"];
        graph[^1] ^= 0xFF;
    });

    /// <summary>The quality graph's file replaced by the detector's, with hashes that match: only the signature check can tell.</summary>
    public static byte[] WrongSignature() => Rewrite((manifest, graphs) =>
    {
        graphs["graphs/restore_quality.onnx"] = graphs["graphs/detect_scratches.onnx"];
        foreach (var file in manifest["files"]!.AsArray())
        {
            string path = file!["path"]!.GetValue<string>();
            file["size"] = graphs[path].Length;
            file["sha256"] = Convert.ToHexStringLower(SHA256.HashData(graphs[path]));
        }
    });

    private static byte[] Rewrite(Action<JsonObject, Dictionary<string, byte[]>> edit)
    {
        JsonObject manifest;
        var graphs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var source = ZipFile.OpenRead(ServerFactory.TinyModelPackage))
        {
            using (var reader = source.GetEntry("manifest.json")!.Open())
            {
                manifest = JsonNode.Parse(reader)!.AsObject();
            }
            foreach (var entry in source.Entries.Where(e => e.FullName != "manifest.json"))
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                graphs[entry.FullName] = copy.ToArray();
            }
        }
        edit(manifest, graphs);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            // A fixed time stamp: the same edit must give the same archive (registration recognises it by SHA-256).
            var manifestEntry = archive.CreateEntry("manifest.json");
            manifestEntry.LastWriteTime = FixedTime;
            using (var writer = manifestEntry.Open())
            {
                writer.Write(System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
            }
            foreach (var (name, bytes) in graphs)
            {
                var entry = archive.CreateEntry(name);
                entry.LastWriteTime = FixedTime;
                using var writer = entry.Open();
                writer.Write(bytes);
            }
        }
        return output.ToArray();
    }
}
