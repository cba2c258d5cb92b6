using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Accounts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Http;
using RestoreWeb.Server.Jobs;
using RestoreWeb.Server.Models;

namespace RestoreWeb.Server.Admin;

/// <summary>/api/admin/queue and /api/admin/reprocess: what the restore queue holds, pausing it, retrying and reprocessing.</summary>
public static class QueueEndpoints
{
    public const string DashboardUrl = "/hangfire";

    public static IEndpointRouteBuilder MapAdminQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(AccountsServiceCollectionExtensions.AdminPolicy);
        admin.MapGet("/queue", Overview);
        admin.MapPost("/queue/pause", Pause);
        admin.MapPost("/queue/resume", Resume);
        admin.MapPost("/queue/retry-failed", RetryFailed);
        admin.MapPost("/reprocess", Reprocess);
        return app;
    }

    private static async Task<Ok<QueueOverviewDto>> Overview(RestoreWebDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await OverviewAsync(db, cancellationToken));

    private static async Task<Ok<QueueOverviewDto>> Pause(RestoreWebDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await QueuePause.SetPausedAsync(db, paused: true, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.Ok(await OverviewAsync(db, cancellationToken));
    }

    private static async Task<Ok<QueueOverviewDto>> Resume(RestoreWebDbContext db, JobScheduler scheduler, TimeProvider clock, CancellationToken cancellationToken)
    {
        await QueuePause.SetPausedAsync(db, paused: false, clock.GetUtcNow().UtcDateTime, cancellationToken);
        // Jobs that reached a worker while paused were left queued; hand them all to Hangfire again.
        var queued = await db.Jobs.Where(j => j.State == JobState.Queued).OrderBy(j => j.QueuedAt).ToListAsync(cancellationToken);
        foreach (var job in queued)
        {
            await scheduler.DispatchAsync(job, cancellationToken);
        }
        return TypedResults.Ok(await OverviewAsync(db, cancellationToken));
    }

    private static async Task<Ok<RetryFailedResultDto>> RetryFailed(RestoreWebDbContext db, JobScheduler scheduler, CancellationToken cancellationToken)
    {
        var failed = await db.Jobs.AsNoTracking().Where(j => j.State == JobState.Failed).Select(j => new { j.Id, j.OwnerId }).ToListAsync(cancellationToken);
        int retried = 0;
        foreach (var job in failed)
        {
            if ((await scheduler.RetryAsync(job.OwnerId, job.Id, cancellationToken)).Change == JobChange.Done)
            {
                retried++;
            }
        }
        return TypedResults.Ok(new RetryFailedResultDto(retried));
    }

    /// <summary>
    /// New jobs with the current production version for every photo in scope ("all"), or for those without a
    /// succeeded result from it ("missing"). A photo with a job still queued or running is left alone either way.
    /// </summary>
    private static async Task<Results<Ok<ReprocessResultDto>, ProblemHttpResult>> Reprocess(
        ReprocessRequest request, RestoreWebDbContext db, IModelRegistry registry, JobScheduler scheduler, CancellationToken cancellationToken)
    {
        if (await registry.FindByAliasAsync(ModelAlias.Production, cancellationToken) is not { } production)
        {
            return Problems.Conflict(ModelHealthCheck.NoModelInstalled);
        }
        var photos = db.Photos.AsQueryable();
        if (request.AlbumId is { } albumId)
        {
            if (!await db.Albums.AnyAsync(a => a.Id == albumId, cancellationToken))
            {
                return Problems.NotFound("This album");
            }
            photos = photos.Where(p => p.AlbumId == albumId);
        }
        var busy = db.Jobs.Where(j => j.State == JobState.Queued || j.State == JobState.Running).Select(j => j.PhotoId);
        var inScope = await photos.OrderBy(p => p.UploadedAt).ToListAsync(cancellationToken);
        var eligible = photos.Where(p => !busy.Contains(p.Id));
        if (request.Mode == ReprocessMode.Missing)
        {
            var done = db.Jobs.Where(j => j.State == JobState.Succeeded && j.ModelVersionId == production.Id).Select(j => j.PhotoId);
            eligible = eligible.Where(p => !done.Contains(p.Id));
        }
        var chosen = await eligible.OrderBy(p => p.UploadedAt).ToListAsync(cancellationToken);
        var jobs = new List<RestorationJob>();
        var stretching = await scheduler.StretchingContrastAsync([.. chosen.Select(p => p.Id)], cancellationToken);
        foreach (var photo in chosen)
        {
            jobs.Add(await scheduler.AddAsync(photo,
                new JobOptionsDto(request.RepairScratches, DetectScratches: true, StretchContrast: stretching.Contains(photo.Id)), cancellationToken));
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var job in jobs)
        {
            await scheduler.DispatchAsync(job, cancellationToken);
        }
        return TypedResults.Ok(new ReprocessResultDto(jobs.Count, inScope.Count - jobs.Count, production.Id, ModelAudit.Label(production)));
    }

    private static async Task<QueueOverviewDto> OverviewAsync(RestoreWebDbContext db, CancellationToken cancellationToken)
    {
        var counts = await db.Jobs.AsNoTracking().GroupBy(j => j.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byState = Enum.GetValues<JobState>().ToDictionary(s => s.ToString(), s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0, StringComparer.Ordinal);
        var perVersion = await db.Jobs.AsNoTracking()
            .GroupBy(j => new { j.ModelVersionId, j.State })
            .Select(g => new { g.Key.ModelVersionId, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var labels = await db.ModelVersions.AsNoTracking().ToDictionaryAsync(v => v.Id, v => $"{v.Name} {v.Version}", cancellationToken);
        var versions = perVersion.GroupBy(v => v.ModelVersionId).Select(g =>
        {
            int Count(JobState state) => g.Where(x => x.State == state).Sum(x => x.Count);
            string label = g.Key is { } id ? labels.GetValueOrDefault(id, "deleted version") : "no model";
            return new VersionJobCountDto(g.Key, label, Count(JobState.Queued), Count(JobState.Running), Count(JobState.Succeeded), Count(JobState.Failed));
        }).OrderBy(v => v.ModelVersion, StringComparer.Ordinal).ToList();
        return new QueueOverviewDto(byState, await QueuePause.IsPausedAsync(db, cancellationToken), DashboardUrl, versions);
    }
}
