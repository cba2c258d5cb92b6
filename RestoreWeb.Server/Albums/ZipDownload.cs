using System.IO.Compression;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Albums;

/// <summary>
/// A ZIP streamed into the response at constant memory, whatever the album's size. ZipArchive writes some records
/// synchronously (the data descriptor after each entry, the central directory), which the server forbids on the
/// response, so the archive is written into a small pipe on a background task and the pipe is copied to the
/// response asynchronously; when the client reads slowly, the writer waits. Photos are stored without
/// recompression: JPEG and PNG are compressed already.
/// </summary>
public sealed partial class ZipDownload(string fileName, IReadOnlyList<ZipDownload.Entry> entries, IBlobStore blobs, ILogger<ZipDownload> logger) : IResult
{
    private const int PipeBytes = 1024 * 1024;

    public sealed record Entry(string Name, string Blob, DateTime Modified);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = disposition.ToString();
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PipeBytes, resumeWriterThreshold: PipeBytes / 2, useSynchronizationContext: false));
        var writing = Task.Run(() => WriteArchiveAsync(pipe.Writer, cancellationToken), cancellationToken);
        try
        {
            await pipe.Reader.CopyToAsync(response.Body, cancellationToken);
        }
        finally
        {
            await pipe.Reader.CompleteAsync();
            await writing;
        }
    }

    private async Task WriteArchiveAsync(PipeWriter writer, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            var missing = new List<string>();
            await using (var output = writer.AsStream(leaveOpen: true))
            await using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var entry in entries)
                {
                    if (!await CopyEntryAsync(zip, entry, cancellationToken))
                    {
                        missing.Add(entry.Name);
                    }
                }
                if (missing.Count > 0)
                {
                    // The response has started, so a missing file can only be reported inside the archive.
                    var note = zip.CreateEntry("MISSING FILES.txt", CompressionLevel.Optimal);
                    await using var target = note.Open();
                    await target.WriteAsync(Encoding.UTF8.GetBytes(
                        "These files were missing from storage and are not in this archive; tell the administrator:\n" + string.Join("\n", missing) + "\n"), cancellationToken);
                }
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        // A failure reaches the reader, which then aborts the response instead of ending it as if complete.
        await writer.CompleteAsync(failure);
    }

    private async Task<bool> CopyEntryAsync(ZipArchive zip, Entry entry, CancellationToken cancellationToken)
    {
        Stream source;
        try
        {
            source = await blobs.OpenReadAsync(entry.Blob, cancellationToken);
        }
        catch (BlobNotFoundException)
        {
            LogMissing(logger, entry.Blob);
            return false;
        }
        await using (source)
        {
            var zipEntry = zip.CreateEntry(entry.Name, CompressionLevel.NoCompression);
            zipEntry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(entry.Modified, DateTimeKind.Utc));
            await using var target = zipEntry.Open();
            await source.CopyToAsync(target, cancellationToken);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob {Blob} is missing; it was left out of an album download.")]
    private static partial void LogMissing(ILogger logger, string blob);
}
