using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddRestoreWebData(this IServiceCollection services)
    {
        services.AddDbContext<RestoreWebDbContext>((provider, options) =>
        {
            var folders = provider.GetRequiredService<DataFolders>();
            var database = provider.GetRequiredService<IOptions<RestoreWebOptions>>().Value.Database;
            folders.EnsureCreated(folders.Root);
            // Only SQLite for now; DatabaseOptions.Provider is where PostgreSQL will plug in.
            options.UseSqlite(folders.AppDatabaseConnectionString(database), sqlite => sqlite.CommandTimeout(30));
        });
        return services;
    }

    /// <summary>Brings the schema up to date. Several processes may start at once; migrations are idempotent.</summary>
    public static async Task MigrateRestoreWebDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RestoreWebDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Readers no longer wait for the worker's progress writes, nor it for them.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
