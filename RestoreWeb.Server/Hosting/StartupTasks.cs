using RestoreWeb.Server.Accounts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Models;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Hosting;

public static class StartupTasks
{
    /// <summary>
    /// Before serving: the schema is migrated, the blob container exists, the roles exist and, on a fresh
    /// installation, the default model is production. Each step is idempotent, so several processes may start together.
    /// </summary>
    public static async Task PrepareRestoreWebAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var stopping = app.Lifetime.ApplicationStopping;
        await app.Services.MigrateRestoreWebDatabaseAsync(stopping);
        await app.Services.GetRequiredService<IBlobStore>().EnsureReadyAsync(stopping);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountRoles>().EnsureRolesExistAsync();
        await scope.ServiceProvider.GetRequiredService<DefaultModelInstaller>().InstallAsync(stopping);
    }
}
