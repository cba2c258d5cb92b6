using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using RestoreWeb.Inference.Pipeline;

namespace RestoreWeb.Inference.Packages;

/// <summary>
/// A verified model package: a zip archive holding manifest.json and the ONNX graphs it lists. Opening checks
/// the manifest, that every listed file is present with its size and SHA-256, that nothing unlisted rides along,
/// and that every graph loads in ONNX Runtime with the signature of its role. Anything wrong is a
/// <see cref="ModelPackageException"/> at open time, never a crash on the first photo.
/// </summary>
public sealed partial class ModelPackage
{
    public const string ManifestEntry = "manifest.json";

    private readonly Dictionary<GraphRole, byte[]> _graphs;

    private ModelPackage(ModelManifest manifest, Dictionary<GraphRole, byte[]> graphs, string sha256)
    {
        Manifest = manifest;
        _graphs = graphs;
        Sha256 = sha256;
    }

    public ModelManifest Manifest { get; }

    /// <summary>SHA-256 of the whole archive: the identity of this exact package content.</summary>
    public string Sha256 { get; }

    public bool Has(GraphRole role) => _graphs.ContainsKey(role);

    public byte[] Graph(GraphRole role) => _graphs.TryGetValue(role, out var graph)
        ? graph
        : throw new ModelPackageException(ModelPackageProblem.MissingGraph, $"Model package '{Manifest.Name}' {Manifest.Version} has no {role} graph.");

    public RestorationGraphs ToRestorationGraphs() => new(
        _graphs.GetValueOrDefault(GraphRole.Quality),
        _graphs.GetValueOrDefault(GraphRole.ScratchEncode),
        _graphs.GetValueOrDefault(GraphRole.ScratchAttention),
        _graphs.GetValueOrDefault(GraphRole.ScratchDecode),
        _graphs.GetValueOrDefault(GraphRole.Detector));

    public static ModelPackage Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model package '{path}' does not exist.", path);
        }
        using var stream = File.OpenRead(path);
        return Open(stream, Path.GetFileName(path));
    }

    /// <param name="stream">The archive; read to the end (seekable or not).</param>
    /// <param name="displayName">How the package is named in error messages.</param>
    public static ModelPackage Open(Stream stream, string displayName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        string archiveHash = Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        buffer.Position = 0;

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelPackageException(ModelPackageProblem.NotAnArchive, $"'{displayName}' is not a model package: it is not a zip archive.", e);
        }

        using (zip)
        {
            var manifest = ReadManifest(zip, displayName);
            var graphs = ReadFiles(zip, manifest, displayName);
            foreach (var (role, graph) in graphs)
            {
                CheckSignature(role, graph, displayName);
            }
            return new ModelPackage(manifest, graphs, archiveHash);
        }
    }

    private static ModelManifest ReadManifest(ZipArchive zip, string displayName)
    {
        var entry = zip.GetEntry(ManifestEntry) ?? throw new ModelPackageException(
            ModelPackageProblem.MissingManifest, $"'{displayName}' is not a RestoreWeb model package: it has no {ManifestEntry}.");
        ModelManifest? manifest;
        try
        {
            using var reader = entry.Open();
            manifest = JsonSerializer.Deserialize<ModelManifest>(reader, ModelManifest.SerializerOptions);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new ModelPackageException(ModelPackageProblem.InvalidManifest, $"The manifest of '{displayName}' is not valid: {e.Message}", e);
        }
        if (manifest is null)
        {
            throw new ModelPackageException(ModelPackageProblem.InvalidManifest, $"The manifest of '{displayName}' is empty.");
        }
        if (manifest.FormatVersion != ModelManifest.CurrentFormatVersion)
        {
            throw new ModelPackageException(ModelPackageProblem.UnsupportedFormat,
                $"'{displayName}' has package format {manifest.FormatVersion}; this RestoreWeb reads format {ModelManifest.CurrentFormatVersion}.");
        }
        if (string.IsNullOrWhiteSpace(manifest.Name) || !SemanticVersion().IsMatch(manifest.Version ?? string.Empty))
        {
            throw new ModelPackageException(ModelPackageProblem.InvalidManifest,
                $"The manifest of '{displayName}' needs a name and a semantic version like 1.0.0 (got '{manifest.Name}' '{manifest.Version}').");
        }
        return manifest;
    }

    private static Dictionary<GraphRole, byte[]> ReadFiles(ZipArchive zip, ModelManifest manifest, string displayName)
    {
        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            bool isFolder = entry.FullName.EndsWith('/');
            if (!isFolder && entry.FullName != ManifestEntry && !listed.ContainsKey(entry.FullName))
            {
                throw new ModelPackageException(ModelPackageProblem.UnlistedFile,
                    $"'{displayName}' contains '{entry.FullName}', which its manifest does not list.");
            }
        }

        var graphs = new Dictionary<GraphRole, byte[]>();
        foreach (var file in manifest.Files)
        {
            var entry = zip.GetEntry(file.Path) ?? throw new ModelPackageException(ModelPackageProblem.MissingFile,
                $"'{displayName}' lists '{file.Path}' in its manifest but the file is missing.");
            using var content = new MemoryStream();
            using (var reader = entry.Open())
            {
                reader.CopyTo(content);
            }
            byte[] bytes = content.ToArray();
            string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (bytes.Length != file.Size || !string.Equals(hash, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelPackageException(ModelPackageProblem.HashMismatch,
                    $"'{file.Path}' in '{displayName}' is corrupt: SHA-256 {hash} ({bytes.Length} bytes) but the manifest says {file.Sha256} ({file.Size} bytes).");
            }
            if (!graphs.TryAdd(file.Role, bytes))
            {
                throw new ModelPackageException(ModelPackageProblem.InvalidManifest, $"'{displayName}' lists two {file.Role} graphs.");
            }
        }
        if (!graphs.ContainsKey(GraphRole.Quality))
        {
            throw new ModelPackageException(ModelPackageProblem.MissingGraph, $"'{displayName}' has no quality restoration graph, which every package needs.");
        }
        var scratchParts = new[] { GraphRole.ScratchEncode, GraphRole.ScratchAttention, GraphRole.ScratchDecode };
        int present = scratchParts.Count(graphs.ContainsKey);
        if (present is not 0 and not 3)
        {
            throw new ModelPackageException(ModelPackageProblem.MissingGraph,
                $"'{displayName}' has only some of the scratch restoration graphs ({string.Join(", ", scratchParts.Where(graphs.ContainsKey))}); all three are needed.");
        }
        return graphs;
    }

    private static void CheckSignature(GraphRole role, byte[] graph, string displayName)
    {
        var expected = GraphSignature.All[role];
        InferenceSession session;
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
            session = new InferenceSession(graph, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelPackageException(ModelPackageProblem.UnloadableGraph,
                $"The {role} graph of '{displayName}' does not load in ONNX Runtime: {e.Message}", e);
        }
        using (session)
        {
            string? problem = Compare("input", expected.Inputs, session.InputMetadata, session.InputNames)
                ?? Compare("output", expected.Outputs, session.OutputMetadata, session.OutputNames);
            if (problem is not null)
            {
                throw new ModelPackageException(ModelPackageProblem.SignatureMismatch, $"The {role} graph of '{displayName}' has the wrong signature: {problem}.");
            }
        }
    }

    private static string? Compare(string kind, IReadOnlyList<TensorSignature> expected, IReadOnlyDictionary<string, NodeMetadata> metadata, IReadOnlyList<string> names)
    {
        string Describe(IEnumerable<string> n) => string.Join(", ", n);
        if (!names.SequenceEqual(expected.Select(e => e.Name)))
        {
            return $"{kind}s are ({Describe(names)}), expected ({Describe(expected.Select(e => e.Name))})";
        }
        foreach (var tensor in expected)
        {
            var node = metadata[tensor.Name];
            if (node.ElementType != typeof(float) || node.Dimensions.Length != tensor.Rank)
            {
                return $"{kind} '{tensor.Name}' is {node.ElementType.Name} of rank {node.Dimensions.Length}, expected Single of rank {tensor.Rank}";
            }
        }
        return null;
    }

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemanticVersion();
}
