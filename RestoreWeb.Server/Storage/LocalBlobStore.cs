using System.Runtime.CompilerServices;

namespace RestoreWeb.Server.Storage;

/// <summary>
/// Blobs as files under one folder, the default for a single machine. A write goes to a scratch file first and is
/// moved into place, so readers never see half a blob and a retried write simply replaces the first.
/// </summary>
public sealed class LocalBlobStore : IBlobStore
{
    // Names cannot start with '.', so nothing a caller stores can collide with the scratch folder.
    private const string ScratchFolder = ".incoming";

    private readonly string _root;

    public LocalBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    public Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.Combine(_root, ScratchFolder));
        return Task.CompletedTask;
    }

    public async Task PutAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string path = PathOf(name);
        string scratch = Path.Combine(_root, ScratchFolder, $"{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(scratch)!);
        try
        {
            await using (var file = new FileStream(scratch, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(scratch, path, overwrite: true);
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    public Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        string path = PathOf(name);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(name);
        }
    }

    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(PathOf(name)));

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        string path = PathOf(name);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }
        File.Delete(path);
        RemoveEmptyFolders(Path.GetDirectoryName(path)!);
        return Task.FromResult(true);
    }

    public async Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await foreach (var entry in ListAsync(prefix, cancellationToken))
        {
            names.Add(entry.Name);
        }
        int deleted = 0;
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await DeleteAsync(name, cancellationToken))
            {
                deleted++;
            }
        }
        return deleted;
    }

    public async IAsyncEnumerable<BlobEntry> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.ValidatePrefix(prefix);
        // Walk only the deepest folder the prefix names completely; the rest of the prefix filters file names.
        int slash = prefix.LastIndexOf('/');
        string folder = slash < 0 ? _root : Path.Combine(_root, prefix[..slash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder))
        {
            yield break;
        }
        var entries = new List<BlobEntry>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (name.StartsWith(prefix, StringComparison.Ordinal) && !name.StartsWith(ScratchFolder, StringComparison.Ordinal))
            {
                entries.Add(new BlobEntry(name, new FileInfo(file).Length));
            }
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }
        await Task.CompletedTask;
    }

    private string PathOf(string name)
    {
        BlobNames.Validate(name);
        string path = Path.GetFullPath(Path.Combine(_root, name.Replace('/', Path.DirectorySeparatorChar)));
        // Validate already excludes "..", this is the belt to its braces.
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' points outside the blob folder.", nameof(name));
        }
        return path;
    }

    private void RemoveEmptyFolders(string folder)
    {
        for (var dir = folder; dir.Length > _root.Length && dir.StartsWith(_root, StringComparison.Ordinal); dir = Path.GetDirectoryName(dir)!)
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(dir).Any())
                {
                    return;
                }
                Directory.Delete(dir);
            }
            catch (IOException)
            {
                // Another writer just put a file here; the folder is in use, which is fine.
                return;
            }
        }
    }
}
