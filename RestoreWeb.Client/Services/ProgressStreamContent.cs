using System.Buffers;
using System.Net;

namespace RestoreWeb.Client.Services;

/// <summary>
/// Request content copied from a stream in chunks, reporting the running byte count after each chunk. Where the
/// HTTP stack streams the body (server prerendering, tests) this is the upload's progress; the browser's fetch buffers
/// the body first, so there it measures reading the file out of the browser, and the server's answer follows.
/// </summary>
public sealed class ProgressStreamContent : HttpContent
{
    private const int ChunkSize = 64 * 1024;

    private readonly Stream _source;
    private readonly long _length;
    private readonly IProgress<long> _progress;

    public ProgressStreamContent(Stream source, long length, IProgress<long> progress)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _source = source;
        _length = length;
        _progress = progress;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long sent = 0;
            int read;
            while ((read = await _source.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                sent += read;
                _progress.Report(sent);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
        }
        base.Dispose(disposing);
    }
}
