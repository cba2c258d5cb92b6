using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Data;

/// <summary>
/// The whole server in process on a PostgreSQL database (application tables and Hangfire's queue) instead of SQLite.
/// Servers that share a database must share their blobs too: give them one <paramref name="sharedBlobs"/> folder.
/// </summary>
public sealed class PostgresServerFactory(string connectionString, string? sharedBlobs = null) : ServerFactory
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["RestoreWeb:Database:Provider"] = "Postgres";
        settings["RestoreWeb:Database:ConnectionString"] = connectionString;
        if (sharedBlobs is not null)
        {
            settings["RestoreWeb:Storage:LocalPath"] = sharedBlobs;
        }
    }
}
