using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The application database on the provider named by RestoreWeb:Database:Provider. The provider is read while
    /// building, because it decides the registered context type (and with it the migration set); the connection
    /// string is read when a context is made.
    /// </summary>
    public static WebApplicationBuilder AddRestoreWebData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var database = builder.Configuration.GetValue(DatabaseOptionsKey(nameof(DatabaseOptions.Provider)), DatabaseProvider.Sqlite);
        if (database == DatabaseProvider.Postgres)
        {
            services.AddDbContext<RestoreWebDbContext, PostgresRestoreWebDbContext>((provider, options) =>
                options.UseNpgsql(provider.GetRequiredService<IOptions<RestoreWebOptions>>().Value.Database.ConnectionString,
                    npgsql => npgsql.CommandTimeout(30)));
        }
        else
        {
            services.AddDbContext<RestoreWebDbContext>((provider, options) =>
            {
                var folders = provider.GetRequiredService<DataFolders>();
                var database = provider.GetRequiredService<IOptions<RestoreWebOptions>>().Value.Database;
                folders.EnsureCreated(folders.Root);
                options.UseSqlite(folders.AppDatabaseConnectionString(database), sqlite => sqlite.CommandTimeout(30));
            });
        }
        services.AddSingleton<StartupLock>();
        return builder;
    }

    /// <summary>Brings the schema up to date with the migration set of the configured provider.</summary>
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

    private static string DatabaseOptionsKey(string name) =>
        $"{RestoreWebOptions.SectionName}:{nameof(RestoreWebOptions.Database)}:{name}";
}
