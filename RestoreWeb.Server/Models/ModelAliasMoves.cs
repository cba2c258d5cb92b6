using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Jobs;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Models;

/// <summary>
/// Promote, roll back, archive and delete, each written to the audit log. An alias moves only after the new version
/// loaded in this process (a failed load leaves the old version serving); jobs already created keep the version
/// they were pinned to, so nothing running is interrupted.
/// </summary>
public sealed class ModelAliasMoves(RestoreWebDbContext db, PipelineCache pipelines, IBlobStore blobs, TimeProvider clock)
{
    public async Task<ModelAuditEntry> PromoteAsync(Guid versionId, string alias, string? comment, string actor, CancellationToken cancellationToken)
    {
        string why = RequireComment(comment);
        RequireKnownAlias(alias);
        var version = await db.ModelVersions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken)
            ?? throw new ModelAdministrationException(StatusCodes.Status404NotFound, "This model version does not exist.");
        if (version.Status != ModelVersionStatus.Validated)
        {
            string reason = version.Status switch
            {
                ModelVersionStatus.Failed => "it failed validation; see its checks",
                ModelVersionStatus.Archived => "it is archived",
                ModelVersionStatus.Broken => "its stored package is broken",
                _ => "it has not passed validation yet",
            };
            throw new ModelAdministrationException(StatusCodes.Status400BadRequest, $"{ModelAudit.Label(version)} cannot be promoted: {reason}.");
        }
        var current = await CurrentAsync(alias, cancellationToken);
        if (current?.Id == version.Id)
        {
            throw new ModelAdministrationException(StatusCodes.Status409Conflict, $"{alias} already points at {ModelAudit.Label(version)}.");
        }
        await RequireLoadableAsync(version, alias, current, cancellationToken);
        return await MoveAsync(alias, current, version, ModelAuditActions.Promote, why, actor, cancellationToken);
    }

    public async Task<ModelAuditEntry> RollbackAsync(string alias, string? comment, string actor, CancellationToken cancellationToken)
    {
        string why = RequireComment(comment);
        RequireKnownAlias(alias);
        var history = await HistoryAsync(alias, cancellationToken);
        if (history.Count < 2)
        {
            throw new ModelAdministrationException(StatusCodes.Status400BadRequest, $"{alias} has no previous version to roll back to.");
        }
        var current = await CurrentAsync(alias, cancellationToken);
        Guid previous = history[^2];
        var target = await db.ModelVersions.FirstOrDefaultAsync(v => v.Id == previous, cancellationToken)
            ?? throw new ModelAdministrationException(StatusCodes.Status409Conflict, $"The version {alias} pointed at before has been deleted.");
        if (target.Status is ModelVersionStatus.Archived or ModelVersionStatus.Broken)
        {
            throw new ModelAdministrationException(StatusCodes.Status409Conflict,
                $"{alias} cannot roll back to {ModelAudit.Label(target)}: it is {target.Status.ToString().ToLowerInvariant()}.");
        }
        await RequireLoadableAsync(target, alias, current, cancellationToken);
        return await MoveAsync(alias, current, target, ModelAuditActions.Rollback, why, actor, cancellationToken);
    }

    public async Task<ModelVersion> ArchiveAsync(Guid versionId, string? comment, string actor, CancellationToken cancellationToken)
    {
        string why = RequireComment(comment);
        var version = await db.ModelVersions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken)
            ?? throw new ModelAdministrationException(StatusCodes.Status404NotFound, "This model version does not exist.");
        await RequireNoAliasAsync(version, "archived", cancellationToken);
        if (version.Status == ModelVersionStatus.Archived)
        {
            return version;
        }
        version.Status = ModelVersionStatus.Archived;
        db.ModelAudit.Add(ModelAudit.Entry(Now, actor, ModelAuditActions.Archive, null, version, null, why));
        await db.SaveChangesAsync(cancellationToken);
        return version;
    }

    /// <summary>Deletes a version nothing refers to: no alias, and no job (its results stay traceable to their version).</summary>
    public async Task DeleteAsync(Guid versionId, string actor, CancellationToken cancellationToken)
    {
        var version = await db.ModelVersions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken)
            ?? throw new ModelAdministrationException(StatusCodes.Status404NotFound, "This model version does not exist.");
        await RequireNoAliasAsync(version, "deleted", cancellationToken);
        int jobs = await db.Jobs.CountAsync(j => j.ModelVersionId == versionId, cancellationToken);
        if (jobs > 0)
        {
            throw new ModelAdministrationException(StatusCodes.Status409Conflict,
                $"{ModelAudit.Label(version)} is referenced by {jobs} restoration job(s) and their results; archive it instead.");
        }
        db.ModelVersions.Remove(version);
        db.ModelAudit.Add(ModelAudit.Entry(Now, actor, ModelAuditActions.Delete, null, version, null, $"Deleted {ModelAudit.Label(version)}."));
        await db.SaveChangesAsync(cancellationToken);
        // The row goes first: a crash in between leaves an orphan blob, never a row without its package.
        await blobs.DeleteAsync(version.BlobName, cancellationToken);
    }

    /// <summary>The versions <paramref name="alias"/> has pointed at, oldest first, with rolled-back moves removed: the last is the current one.</summary>
    public async Task<List<Guid>> HistoryAsync(string alias, CancellationToken cancellationToken)
    {
        var moves = await db.ModelAudit.AsNoTracking()
            .Where(e => e.Alias == alias && (e.Action == ModelAuditActions.Promote || e.Action == ModelAuditActions.Rollback))
            .OrderBy(e => e.Id)
            .Select(e => new { e.Action, e.ToVersionId })
            .ToListAsync(cancellationToken);
        var stack = new List<Guid>();
        foreach (var move in moves)
        {
            if (move.Action == ModelAuditActions.Rollback)
            {
                if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }
            }
            else if (move.ToVersionId is { } to)
            {
                stack.Add(to);
            }
        }
        return stack;
    }

    private async Task<ModelAuditEntry> MoveAsync(string alias, ModelVersion? from, ModelVersion to, string action, string why, string actor, CancellationToken cancellationToken)
    {
        var now = Now;
        var pointer = await db.ModelAliases.FirstOrDefaultAsync(a => a.Name == alias, cancellationToken);
        if (pointer is null)
        {
            db.ModelAliases.Add(new ModelAlias { Name = alias, ModelVersionId = to.Id, UpdatedAt = now });
        }
        else
        {
            pointer.ModelVersionId = to.Id;
            pointer.UpdatedAt = now;
        }
        var entry = ModelAudit.Entry(now, actor, action, alias, from, to, why);
        db.ModelAudit.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    private async Task RequireLoadableAsync(ModelVersion version, string alias, ModelVersion? current, CancellationToken cancellationToken)
    {
        try
        {
            await pipelines.GetAsync(version, cancellationToken);
        }
        catch (Exception e) when (e is ModelPackageException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or IOException or InvalidOperationException)
        {
            string keeps = current is null ? $"{alias} stays unset" : $"{alias} still serves {ModelAudit.Label(current)}";
            throw new ModelAdministrationException(StatusCodes.Status400BadRequest, $"{ModelAudit.Label(version)} could not be loaded ({e.Message}); {keeps}.");
        }
    }

    private async Task RequireNoAliasAsync(ModelVersion version, string verb, CancellationToken cancellationToken)
    {
        var aliases = await db.ModelAliases.Where(a => a.ModelVersionId == version.Id).Select(a => a.Name).ToListAsync(cancellationToken);
        if (aliases.Count > 0)
        {
            throw new ModelAdministrationException(StatusCodes.Status409Conflict,
                $"{ModelAudit.Label(version)} cannot be {verb} while {string.Join(" and ", aliases)} point(s) at it; promote another version first.");
        }
    }

    private Task<ModelVersion?> CurrentAsync(string alias, CancellationToken cancellationToken) =>
        db.ModelAliases.Where(a => a.Name == alias).Select(a => a.ModelVersion).FirstOrDefaultAsync(cancellationToken);

    private static string RequireComment(string? comment)
    {
        string trimmed = comment?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new ModelAdministrationException(StatusCodes.Status400BadRequest, "A comment is required: say why, for the audit log.");
        }
        if (trimmed.Length > ModelAuditEntry.MaxCommentLength)
        {
            throw new ModelAdministrationException(StatusCodes.Status400BadRequest, $"The comment is longer than {ModelAuditEntry.MaxCommentLength} characters.");
        }
        return trimmed;
    }

    private static void RequireKnownAlias(string alias)
    {
        if (!ModelAliasNames.All.Contains(alias, StringComparer.Ordinal))
        {
            throw new ModelAdministrationException(StatusCodes.Status400BadRequest, $"Unknown alias '{alias}'; aliases are {string.Join(" and ", ModelAliasNames.All)}.");
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
