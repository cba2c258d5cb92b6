using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Server.Accounts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Http;

namespace RestoreWeb.Server.Models;

/// <summary>/api/admin/compare: the pictures of the side-by-side viewer (before, and each version's restoration).</summary>
public static class CompareEndpoints
{
    public static IEndpointRouteBuilder MapCompareEndpoints(this IEndpointRouteBuilder app)
    {
        var compare = app.MapGroup("/api/admin/compare").WithTags("Administration").RequireAuthorization(AccountsServiceCollectionExtensions.AdminPolicy);
        compare.MapGet("/samples", Samples);
        compare.MapGet("/samples/{name}/original.png", SampleOriginal);
        compare.MapGet("/samples/{name}/versions/{versionId:guid}.png", SampleRestored);
        compare.MapGet("/photos/{photoId:guid}/original.png", PhotoOriginal);
        compare.MapGet("/photos/{photoId:guid}/versions/{versionId:guid}.png", PhotoRestored);
        return app;
    }

    private static Ok<CompareSampleDto[]> Samples(ValidationSet set) =>
        TypedResults.Ok(set.Samples.Select(s =>
        {
            var size = new PhotoDecoder(new ImagingOptions()).Probe(s.Damaged);
            return new CompareSampleDto(s.Item.Name, $"{s.Item.Damage} damage on {s.Item.Source} ({s.Item.Licence})", size.Width, size.Height);
        }).ToArray());

    private static Results<FileContentHttpResult, ProblemHttpResult> SampleOriginal(string name, ValidationSet set) =>
        set.Find(name) is { } sample ? TypedResults.File(sample.Damaged, "image/png") : Problems.NotFound("This sample");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SampleRestored(
        string name, Guid versionId, ValidationSet set, IModelRegistry registry, ModelComparer comparer, CancellationToken cancellationToken)
    {
        if (set.Find(name) is not { } sample)
        {
            return Problems.NotFound("This sample");
        }
        if (await registry.FindAsync(versionId, cancellationToken) is not { } version)
        {
            return Problems.NotFound("This model version");
        }
        return await RestoreAsync(() => comparer.SampleAsync(sample, version, cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PhotoOriginal(
        Guid photoId, ClaimsPrincipal user, RestoreWebDbContext db, ModelComparer comparer, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var photo = await db.Photos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.OwnerId == owner, cancellationToken);
        return photo is null ? Problems.NotFound("This photo") : TypedResults.File(await comparer.PhotoPreviewAsync(photo, cancellationToken), "image/png");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PhotoRestored(
        Guid photoId, Guid versionId, ClaimsPrincipal user, RestoreWebDbContext db, IModelRegistry registry, ModelComparer comparer, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var photo = await db.Photos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.OwnerId == owner, cancellationToken);
        if (photo is null)
        {
            return Problems.NotFound("This photo");
        }
        if (await registry.FindAsync(versionId, cancellationToken) is not { } version)
        {
            return Problems.NotFound("This model version");
        }
        return await RestoreAsync(() => comparer.PhotoAsync(photo, version, cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RestoreAsync(Func<Task<byte[]>> restore)
    {
        try
        {
            return TypedResults.File(await restore(), "image/png");
        }
        catch (Exception e) when (e is ModelPackageException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or ImageRejectedException)
        {
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, "The restoration failed", e.Message);
        }
    }
}
