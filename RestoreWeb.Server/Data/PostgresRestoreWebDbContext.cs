using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RestoreWeb.Server.Data;

/// <summary>
/// The application model on PostgreSQL. A type of its own only so that EF Core keeps a separate migration set
/// (Data/Migrations/Postgres) next to SQLite's: the two providers write different column types and SQL. Add a
/// migration to both when the model changes:
/// <c>dotnet ef migrations add Name --project RestoreWeb.Server --context RestoreWebDbContext --output-dir Data/Migrations</c>
/// and the same with <c>--context PostgresRestoreWebDbContext --output-dir Data/Migrations/Postgres</c>.
/// </summary>
public sealed class PostgresRestoreWebDbContext(DbContextOptions<PostgresRestoreWebDbContext> options) : RestoreWebDbContext(options)
{
    /// <summary>
    /// For <c>dotnet ef</c>: the server only registers this context when configured for PostgreSQL, and adding a
    /// migration needs the provider, not a live server.
    /// </summary>
    public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PostgresRestoreWebDbContext>
    {
        public PostgresRestoreWebDbContext CreateDbContext(string[] args) =>
            new(new DbContextOptionsBuilder<PostgresRestoreWebDbContext>()
                .UseNpgsql("Host=localhost;Database=restoreweb_design_time")
                .Options);
    }
}
