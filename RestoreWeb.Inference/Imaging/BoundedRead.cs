namespace RestoreWeb.Inference.Imaging;

/// <summary>Reads a whole stream into memory, refusing as soon as it is longer than the file-size limit.</summary>
internal static class BoundedRead
{
    public static byte[] ReadAll(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            throw ImageRejections.FileTooLarge(stream.Length - stream.Position, maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (buffer.Length + read > maxBytes)
            {
                throw ImageRejections.FileTooLarge(null, maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
