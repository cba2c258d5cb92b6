using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Photos;

/// <summary>
/// Reads a multipart upload part by part straight from the request body into scratch files, hashing on the way.
/// Nothing is buffered in memory beyond one 80 kB chunk, and a file over the size limit is refused the moment
/// it passes the limit, without reading the rest.
/// </summary>
public sealed class MultipartUploadReader(DataFolders folders, IOptions<RestoreWebOptions> options)
{
    private const int ChunkSize = 81920;
    private const int MaxFieldBytes = 64 * 1024;

    public async Task<IReadOnlyList<ReceivedFile>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = options.Value.Uploads;
        string boundary = Boundary(request);
        long maxBody = limits.MaxFilesPerRequest * (limits.MaxFileBytes + (64 * 1024)) + MaxFieldBytes;
        if (request.ContentLength > maxBody)
        {
            // Declared too large for any upload this server accepts: refused before a byte of the body is read.
            throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge,
                $"This upload is {ByteSizes.Describe(request.ContentLength.Value)}; one upload may carry at most {limits.MaxFilesPerRequest} files "
                + $"of at most {ByteSizes.Describe(limits.MaxFileBytes)} each. Nothing was stored; send smaller files, or fewer at a time.");
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // The server-wide 30 MB default would cut large scans off; the per-file limit below is the real guard.
            bodySize.MaxRequestBodySize = maxBody;
        }

        // No per-part length limit from the reader: ReceiveAsync and DrainAsync enforce the configured ones with clear messages.
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = null };
        var files = new List<ReceivedFile>();
        long fieldBytes = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                if (disposition is null || !disposition.IsFileDisposition())
                {
                    fieldBytes += await DrainAsync(section.Body, MaxFieldBytes - fieldBytes, cancellationToken);
                    continue;
                }
                if (files.Count == limits.MaxFilesPerRequest)
                {
                    throw new UploadRejectedException(StatusCodes.Status400BadRequest,
                        $"At most {limits.MaxFilesPerRequest} photos can be sent in one upload. Nothing from this upload was stored; send the photos in smaller groups.");
                }
                string name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
                files.Add(await ReceiveAsync(section.Body, name, limits.MaxFileBytes, cancellationToken));
            }
        }
        catch (InvalidDataException e)
        {
            await DisposeAllAsync(files);
            throw new UploadRejectedException(StatusCodes.Status400BadRequest,
                $"The upload is not well-formed multipart data ({e.Message.TrimEnd('.')}). Nothing was stored; send the photos again.");
        }
        catch
        {
            await DisposeAllAsync(files);
            throw;
        }

        if (files.Count == 0)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest,
                "The upload contained no files. Choose one or more photos and send each as a file part of multipart/form-data.");
        }
        return files;
    }

    private async Task<ReceivedFile> ReceiveAsync(Stream body, string clientName, long maxBytes, CancellationToken cancellationToken)
    {
        string scratch = folders.EnsureCreated(folders.UploadScratch);
        string path = Path.Combine(scratch, $"{Guid.NewGuid():N}.upload");
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, ChunkSize, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge,
                            $"'{FileNames.Sanitize(clientName, ImageFormatKind.Jpeg)}' is larger than the limit of {ByteSizes.Describe(maxBytes)}. "
                            + "Nothing from this upload was stored. Upload a smaller scan or a JPEG version of it.");
                    }
                    hash.AppendData(chunk, 0, read);
                    await file.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                }
            }
            return new ReceivedFile(clientName, path, total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static string Boundary(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UploadRejectedException(StatusCodes.Status415UnsupportedMediaType,
                "Send the photos as multipart/form-data with one file part per photo, as a browser file form or FormData does.");
        }
        string? boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest,
                "The multipart/form-data request has no valid boundary parameter, so its parts cannot be told apart. Send the photos again.");
        }
        return boundary;
    }

    /// <summary>Reads and discards a form field, refusing once all fields together pass <paramref name="allowance"/>.</summary>
    private static async Task<long> DrainAsync(Stream body, long allowance, CancellationToken cancellationToken)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, 4096), cancellationToken)) > 0)
            {
                total += read;
                if (total > allowance)
                {
                    throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge,
                        "The upload carries more than 64 kB of form fields besides its files. Nothing was stored; send only the photo files.");
                }
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static async Task DisposeAllAsync(List<ReceivedFile> files)
    {
        foreach (var file in files)
        {
            await file.DisposeAsync();
        }
    }
}
