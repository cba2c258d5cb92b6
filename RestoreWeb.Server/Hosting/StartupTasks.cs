using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using RestoreWeb.Server.Accounts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Models;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Hosting;

public static class StartupTasks
{
    /// <summary>
    /// Before serving: the schema is migrated, Hangfire's schema and the blob container exist, the roles exist and,
    /// on a fresh installation, the default model is production. Several processes may start together against one
    /// database: they take turns (<see cref="StartupLock"/>), and each step is idempotent, so the later ones find
    /// the work done.
    /// </summary>
    public static async Task PrepareRestoreWebAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var stopping = app.Lifetime.ApplicationStopping;
        await using (await app.Services.GetRequiredService<StartupLock>().AcquireAsync(stopping))
        {
            await app.Services.MigrateRestoreWebDatabaseAsync(stopping);
            // Hangfire prepares its schema when its storage is first built; two processes doing that at once collide.
            _ = app.Services.GetRequiredService<JobStorage>();
            await app.Services.GetRequiredService<IBlobStore>().EnsureReadyAsync(stopping);
            // The first process writes the data-protection key ring; the others then read it rather than each adding
            // a key of its own (harmless, but every process would have to discover the others' keys on first use).
            app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("RestoreWeb.Startup").Protect([1]);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AccountRoles>().EnsureRolesExistAsync();
            await scope.ServiceProvider.GetRequiredService<DefaultModelInstaller>().InstallAsync(stopping);
        }
    }
}
