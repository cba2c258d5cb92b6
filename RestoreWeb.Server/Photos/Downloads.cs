using Microsoft.AspNetCore.Http.HttpResults;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Http;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Photos;

/// <summary>Streams blobs to the client under the names people know their photos by.</summary>
public static class Downloads
{
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> BlobAsync(
        IBlobStore blobs, string blob, string contentType, string? downloadName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        try
        {
            var stream = await blobs.OpenReadAsync(blob, cancellationToken);
            return TypedResults.Stream(stream, contentType, downloadName);
        }
        catch (BlobNotFoundException)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "File missing",
                "The file is missing from storage. Tell the administrator; re-uploading the photo restores it.");
        }
    }

    /// <summary>A restored photo, named like its original with the extension of its own format.</summary>
    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> ResultAsync(
        IBlobStore blobs, Photo photo, RestorationJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(job);
        var format = job.ResultFormat ?? OutputFormat.Png;
        return BlobAsync(blobs, job.ResultBlob!, OutputFormatPolicy.ContentType(format), FileNames.ForResult(photo.FileName, format), cancellationToken);
    }
}
