using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Http;
using RestoreWeb.Server.Security;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Photos;

public static class PhotoEndpoints
{
    public static IEndpointRouteBuilder MapPhotoEndpoints(this IEndpointRouteBuilder app)
    {
        var inAlbum = app.MapGroup("/api/albums/{albumId:guid}/photos").WithTags("Photos").RequireAuthorization();
        inAlbum.MapGet("/", ListInAlbum);
        inAlbum.MapPost("/", Upload).RequireRateLimiting(RateLimits.UploadsPolicy).RequireAntiforgeryToken();

        var photo = app.MapGroup("/api/photos/{photoId:guid}").WithTags("Photos").RequireAuthorization();
        photo.MapGet("/", Get);
        photo.MapDelete("/", Delete);
        photo.MapGet("/original", Original);
        photo.MapGet("/thumbnail", Thumbnail);
        photo.MapGet("/result", LatestResult);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<PhotoDto>>, ProblemHttpResult>> ListInAlbum(
        Guid albumId, ClaimsPrincipal user, RestoreWebDbContext db, PhotoViews views, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        if (!await db.Albums.AnyAsync(a => a.Id == albumId && a.OwnerId == owner, cancellationToken))
        {
            return Problems.NotFound("This album");
        }
        var photos = db.Photos.Where(p => p.AlbumId == albumId && p.OwnerId == owner).OrderBy(p => p.UploadedAt).ThenBy(p => p.Id);
        return TypedResults.Ok(await views.ToDtosAsync(photos, cancellationToken));
    }

    /// <summary>
    /// multipart/form-data with one file part per photo; each is checked on its own, so good files are stored even
    /// when others are refused. Only when every file is refused is the answer a problem.
    /// </summary>
    private static async Task<Results<Ok<UploadResponse>, ProblemHttpResult>> Upload(
        Guid albumId, bool? repairScratches, bool? detectScratches, bool? stretchContrast, HttpRequest request, ClaimsPrincipal user,
        RestoreWebDbContext db, MultipartUploadReader reader, PhotoUploader uploader, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var album = await db.Albums.FirstOrDefaultAsync(a => a.Id == albumId && a.OwnerId == owner, cancellationToken);
        if (album is null)
        {
            return Problems.NotFound("This album");
        }

        IReadOnlyList<ReceivedFile> files;
        try
        {
            files = await reader.ReadAsync(request, cancellationToken);
        }
        catch (UploadRejectedException e)
        {
            return Problems.Status(e.StatusCode, "Upload refused", e.Message);
        }

        var options = new JobOptionsDto(repairScratches ?? false, detectScratches ?? true, stretchContrast ?? false);
        var outcomes = new List<UploadedFileDto>(files.Count);
        try
        {
            foreach (var file in files)
            {
                outcomes.Add(await uploader.StoreAsync(album, file, options, cancellationToken));
            }
        }
        finally
        {
            foreach (var file in files)
            {
                await file.DisposeAsync();
            }
        }

        if (outcomes.TrueForAll(o => o.Outcome == UploadOutcome.Rejected))
        {
            var first = outcomes[0].Error!;
            string detail = outcomes.Count == 1
                ? first.Detail
                : $"None of the {outcomes.Count} files was stored. " + string.Join(" ", outcomes.Select(o => $"'{o.FileName}': {o.Error!.Detail}"));
            return Problems.Status(first.Status, "No photo was stored", detail,
                new Dictionary<string, object?> { ["reason"] = first.Reason, ["files"] = outcomes });
        }
        return TypedResults.Ok(new UploadResponse(outcomes));
    }

    private static async Task<Results<Ok<PhotoDto>, ProblemHttpResult>> Get(
        Guid photoId, ClaimsPrincipal user, PhotoViews views, CancellationToken cancellationToken) =>
        await views.FindAsync(user.Id(), photoId, cancellationToken) is { } photo ? TypedResults.Ok(photo) : Problems.NotFound("This photo");

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid photoId, ClaimsPrincipal user, RestoreWebDbContext db, PhotoDeletion deletion, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var photo = await db.Photos.FirstOrDefaultAsync(p => p.Id == photoId && p.OwnerId == owner, cancellationToken);
        if (photo is null)
        {
            return Problems.NotFound("This photo");
        }
        await deletion.DeletePhotoAsync(photo, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The uploaded file, byte for byte, under the name it was uploaded with.</summary>
    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Original(
        Guid photoId, ClaimsPrincipal user, RestoreWebDbContext db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var photo = await db.Photos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.OwnerId == owner, cancellationToken);
        if (photo is null)
        {
            return Problems.NotFound("This photo");
        }
        return await Downloads.BlobAsync(blobs, photo.OriginalBlob, photo.ContentType, photo.FileName, cancellationToken);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Thumbnail(
        Guid photoId, ClaimsPrincipal user, RestoreWebDbContext db, IBlobStore blobs, HttpResponse response, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        string? blob = await db.Photos.AsNoTracking()
            .Where(p => p.Id == photoId && p.OwnerId == owner)
            .Select(p => p.ThumbnailBlob)
            .FirstOrDefaultAsync(cancellationToken);
        if (blob is null)
        {
            return Problems.NotFound("This photo");
        }
        // A photo's thumbnail never changes; private because it is only for its owner.
        response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return await Downloads.BlobAsync(blobs, blob, "image/jpeg", null, cancellationToken);
    }

    /// <summary>The result of the photo's most recent successful restoration.</summary>
    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> LatestResult(
        Guid photoId, ClaimsPrincipal user, RestoreWebDbContext db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var photo = await db.Photos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.OwnerId == owner, cancellationToken);
        if (photo is null)
        {
            return Problems.NotFound("This photo");
        }
        var job = await db.Jobs.AsNoTracking()
            .Where(j => j.PhotoId == photoId && j.State == JobState.Succeeded && j.ResultBlob != null)
            .OrderByDescending(j => j.FinishedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Not restored yet",
                "This photo has not been restored yet. Wait for its restoration to finish, or start one.");
        }
        return await Downloads.ResultAsync(blobs, photo, job, cancellationToken);
    }
}
