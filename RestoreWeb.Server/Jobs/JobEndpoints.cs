using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Hosting;
using RestoreWeb.Server.Http;
using RestoreWeb.Server.Photos;
using RestoreWeb.Server.Security;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Jobs;

public static class JobEndpoints
{
    /// <summary>How far the cursor of a poll reaches back, to cover commits that land just after a poll and small clock differences between processes.</summary>
    private static readonly TimeSpan CursorOverlap = TimeSpan.FromSeconds(3);

    private const int MaxJobsPerPoll = 500;

    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization();
        jobs.MapGet("/", Changes);
        jobs.MapGet("/{jobId:guid}", Get);
        jobs.MapPost("/{jobId:guid}/cancel", Cancel);
        jobs.MapPost("/{jobId:guid}/retry", Retry);
        jobs.MapGet("/{jobId:guid}/result", Result);
        jobs.MapGet("/{jobId:guid}/mask", Mask);

        var photo = app.MapGroup("/api/photos/{photoId:guid}").WithTags("Jobs").RequireAuthorization();
        photo.MapGet("/jobs", ListForPhoto);
        photo.MapPost("/jobs", Start);
        photo.MapPut("/mask", PutMask).RequireAntiforgeryToken();
        return app;
    }

    /// <summary>
    /// The poll for live updates, cheap enough to call every few seconds: the caller's jobs changed since
    /// <paramref name="changedSince"/> plus all of its queued and running ones (whose queue position and estimate
    /// move without their row changing). All state is in the database, so any web process can answer.
    /// </summary>
    private static async Task<Ok<JobChangesDto>> Changes(
        DateTimeOffset? changedSince, ClaimsPrincipal user, RestoreWebDbContext db, JobViews views, TimeProvider clock, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var cursor = clock.GetUtcNow() - CursorOverlap;
        var jobs = db.Jobs.Where(j => j.OwnerId == owner);
        if (changedSince is { } since)
        {
            var after = since.UtcDateTime;
            jobs = jobs.Where(j => j.UpdatedAt > after || j.State == JobState.Queued || j.State == JobState.Running);
        }
        var page = jobs.OrderByDescending(j => j.UpdatedAt).ThenByDescending(j => j.Id).Take(MaxJobsPerPoll);
        return TypedResults.Ok(new JobChangesDto(cursor, await views.ToDtosAsync(page, cancellationToken)));
    }

    private static async Task<Results<Ok<JobDto>, ProblemHttpResult>> Get(
        Guid jobId, ClaimsPrincipal user, JobViews views, CancellationToken cancellationToken) =>
        await views.FindAsync(user.Id(), jobId, cancellationToken) is { } job ? TypedResults.Ok(job) : Problems.NotFound("This job");

    private static async Task<Results<Ok<JobDto>, ProblemHttpResult>> Cancel(
        Guid jobId, ClaimsPrincipal user, JobScheduler scheduler, JobViews views, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var (change, job) = await scheduler.CancelAsync(owner, jobId, cancellationToken);
        return change switch
        {
            JobChange.NotFound => Problems.NotFound("This job"),
            JobChange.NotAllowed => Problems.Conflict(
                $"This job has already {job!.State.ToString().ToLowerInvariant()}, so there is nothing to cancel."),
            _ => TypedResults.Ok((await views.FindAsync(owner, jobId, cancellationToken))!),
        };
    }

    private static async Task<Results<Accepted<JobDto>, ProblemHttpResult>> Retry(
        Guid jobId, ClaimsPrincipal user, JobScheduler scheduler, JobViews views, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var (change, job) = await scheduler.RetryAsync(owner, jobId, cancellationToken);
        return change switch
        {
            JobChange.NotFound => Problems.NotFound("This job"),
            JobChange.NotAllowed when job!.ModelVersionId is null => Problems.Conflict(Models.ModelHealthCheck.NoModelInstalled),
            JobChange.NotAllowed => Problems.Conflict(
                $"Only failed or cancelled jobs can be retried; this one is {job.State.ToString().ToLowerInvariant()}. To restore the photo again with other options, start a new job for it."),
            _ => TypedResults.Accepted($"/api/jobs/{jobId}", (await views.FindAsync(owner, jobId, cancellationToken))!),
        };
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Result(
        Guid jobId, ClaimsPrincipal user, RestoreWebDbContext db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var job = await db.Jobs.AsNoTracking().Include(j => j.Photo).FirstOrDefaultAsync(j => j.Id == jobId && j.OwnerId == owner, cancellationToken);
        if (job is null)
        {
            return Problems.NotFound("This job");
        }
        if (job.State != JobState.Succeeded || job.ResultBlob is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No result",
                $"This job is {job.State.ToString().ToLowerInvariant()} and has no result. Download it once it has succeeded.");
        }
        return await Downloads.ResultAsync(blobs, job.Photo!, job, cancellationToken);
    }

    /// <summary>The mask the job restored with (detected ∪ drawn), white on black, at the photo's upright size.</summary>
    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Mask(
        Guid jobId, ClaimsPrincipal user, RestoreWebDbContext db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId && j.OwnerId == owner, cancellationToken);
        if (job is null)
        {
            return Problems.NotFound("This job");
        }
        if (job.State != JobState.Succeeded || job.MaskBlob is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No mask",
                "This job has no scratch mask: masks exist for finished jobs that repaired scratches.");
        }
        return await Downloads.BlobAsync(blobs, job.MaskBlob, "image/png", null, cancellationToken);
    }

    private static async Task<Results<Ok<IReadOnlyList<JobDto>>, ProblemHttpResult>> ListForPhoto(
        Guid photoId, ClaimsPrincipal user, RestoreWebDbContext db, JobViews views, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        if (!await db.Photos.AnyAsync(p => p.Id == photoId && p.OwnerId == owner, cancellationToken))
        {
            return Problems.NotFound("This photo");
        }
        var jobs = db.Jobs.Where(j => j.PhotoId == photoId && j.OwnerId == owner).OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id);
        return TypedResults.Ok(await views.ToDtosAsync(jobs, cancellationToken));
    }

    /// <summary>Restores the photo again with new options, as a new job; earlier jobs and their results stay.</summary>
    private static async Task<Results<Accepted<JobDto>, ProblemHttpResult>> Start(
        Guid photoId, StartJobRequest request, ClaimsPrincipal user, RestoreWebDbContext db, JobScheduler scheduler, JobViews views, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var photo = await db.Photos.FirstOrDefaultAsync(p => p.Id == photoId && p.OwnerId == owner, cancellationToken);
        if (photo is null)
        {
            return Problems.NotFound("This photo");
        }
        var job = await scheduler.AddAsync(photo, new JobOptionsDto(request.RepairScratches, request.DetectScratches, request.StretchContrast), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await scheduler.DispatchAsync(job, cancellationToken);
        return TypedResults.Accepted($"/api/jobs/{job.Id}", (await views.FindAsync(owner, job.Id, cancellationToken))!);
    }

    /// <summary>
    /// Body: a PNG the size of the upright photo, white (or any bright opaque colour) where there are scratches.
    /// Starts a new job that repairs scratches with this mask; by default the detector does not run again, so that
    /// scratches the user erased stay erased (?detectScratches=true adds the detected ones back). The tone choice of
    /// the photo's newest job carries over.
    /// </summary>
    private static async Task<Results<Accepted<JobDto>, ProblemHttpResult>> PutMask(
        Guid photoId, bool? detectScratches, HttpRequest request, ClaimsPrincipal user, RestoreWebDbContext db, IBlobStore blobs,
        ImageProber prober, JobScheduler scheduler, JobViews views, IOptions<RestoreWebOptions> options, CancellationToken cancellationToken)
    {
        string owner = user.Id();
        var photo = await db.Photos.FirstOrDefaultAsync(p => p.Id == photoId && p.OwnerId == owner, cancellationToken);
        if (photo is null)
        {
            return Problems.NotFound("This photo");
        }
        long limit = options.Value.Uploads.MaxMaskBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // Past the server's default cap, so that the limit below answers with its own message.
            bodySize.MaxRequestBodySize = limit + 1;
        }
        byte[]? png = await ReadBoundedAsync(request.Body, limit, cancellationToken);
        if (png is null)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Mask too large",
                $"The mask is larger than the limit of {ByteSizes.Describe(limit)}. Save it as a black-and-white PNG, which is far smaller.");
        }
        if (MaskProblem(png, photo, prober) is { } problem)
        {
            return problem;
        }

        var jobId = Guid.CreateVersion7();
        string blob = BlobNames.DrawnMask(photo.Id, jobId);
        using (var content = new MemoryStream(png, writable: false))
        {
            await blobs.PutAsync(blob, content, "image/png", cancellationToken);
        }
        bool stretch = (await scheduler.StretchingContrastAsync([photo.Id], cancellationToken)).Contains(photo.Id);
        var job = await scheduler.AddAsync(photo, new JobOptionsDto(RepairScratches: true, DetectScratches: detectScratches ?? false, StretchContrast: stretch),
            cancellationToken, jobId, blob);
        await db.SaveChangesAsync(cancellationToken);
        await scheduler.DispatchAsync(job, cancellationToken);
        return TypedResults.Accepted($"/api/jobs/{job.Id}", (await views.FindAsync(owner, job.Id, cancellationToken))!);
    }

    private static ProblemHttpResult? MaskProblem(byte[] png, Photo photo, ImageProber prober)
    {
        ImageProbe probe;
        try
        {
            probe = prober.Probe(png);
        }
        catch (ImageRejectedException e)
        {
            return Problems.Status(UploadStatus.For(e.Reason), "Mask not usable", $"The mask cannot be used: {e.Message}");
        }
        if (probe.Format != ImageFormatKind.Png)
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Mask not usable",
                $"The mask must be a PNG image (white marks scratches, black is intact); this file is a {probe.Format.DisplayName()}.");
        }
        if (probe.Width != photo.Width || probe.Height != photo.Height)
        {
            return Problems.BadRequest(
                $"The mask is {probe.Width}×{probe.Height} pixels but the photo is {photo.Width}×{photo.Height}. Draw the mask over the upright photo at its full size.");
        }
        return null;
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> (reading stops there).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
