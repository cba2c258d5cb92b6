using Microsoft.EntityFrameworkCore;
using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Jobs;

/// <summary>
/// The restore queue's pause switch, kept in the database so that every worker process obeys it. A paused worker
/// leaves a job queued in the database and lets Hangfire's copy finish; resuming hands every queued job to
/// Hangfire again, which the runner tolerates (a job already claimed or finished is not run twice).
/// </summary>
public static class QueuePause
{
    public static async Task<bool> IsPausedAsync(RestoreWebDbContext db, CancellationToken cancellationToken) =>
        await db.Settings.AsNoTracking().AnyAsync(s => s.Key == ServerSetting.RestoreQueuePaused && s.Value == "true", cancellationToken);

    public static async Task SetPausedAsync(RestoreWebDbContext db, bool paused, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == ServerSetting.RestoreQueuePaused, cancellationToken);
        string value = paused ? "true" : "false";
        if (setting is null)
        {
            db.Settings.Add(new ServerSetting { Key = ServerSetting.RestoreQueuePaused, Value = value, UpdatedAt = now });
        }
        else
        {
            setting.Value = value;
            setting.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
