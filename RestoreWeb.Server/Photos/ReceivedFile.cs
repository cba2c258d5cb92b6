namespace RestoreWeb.Server.Photos;

/// <summary>One file of an upload, streamed to a scratch file; the scratch file goes away with this object.</summary>
public sealed class ReceivedFile(string clientName, string path, long length, string sha256) : IAsyncDisposable
{
    /// <summary>The name as the client sent it, unsanitised; see <see cref="FileNames.Sanitize"/>.</summary>
    public string ClientName { get; } = clientName;

    public string Path { get; } = path;

    public long Length { get; } = length;

    /// <summary>Lower-case hex SHA-256 of the content, computed while it streamed in.</summary>
    public string Sha256 { get; } = sha256;

    public ValueTask DisposeAsync()
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}

/// <summary>An upload refused as a whole (not multipart, too many files, a file over the size limit): nothing is stored.</summary>
public sealed class UploadRejectedException(int statusCode, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
}
