using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Tests.Support;
using RestoreWeb.Testing;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.Server.Tests.Data;

/// <summary>The server on PostgreSQL: its own migration set, start-up of several processes at once, and a job end to end.</summary>
public sealed class PostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public void Each_provider_has_a_migration_set_that_matches_the_model()
    {
        using var sqlite = new RestoreWebDbContext(new DbContextOptionsBuilder<RestoreWebDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var npgsql = new PostgresRestoreWebDbContext.DesignTimeFactory().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "The SQLite migrations lag behind the model: add a migration for RestoreWebDbContext.");
        Assert.False(npgsql.Database.HasPendingModelChanges(), "The PostgreSQL migrations lag behind the model: add a migration for PostgresRestoreWebDbContext.");
        // Each context sees only its own set.
        Assert.Contains(sqlite.Database.GetMigrations(), m => m.EndsWith("_ModelAdministration", StringComparison.Ordinal));
        Assert.DoesNotContain(npgsql.Database.GetMigrations(), sqlite.Database.GetMigrations().Contains);
        // Same tables and columns on both.
        Assert.Equal(Columns(sqlite.Model), Columns(npgsql.Model));
    }

    [Fact]
    public async Task Three_servers_starting_together_on_an_empty_database_take_turns_and_restore_a_photo()
    {
        string connectionString = await postgres.CreateDatabaseAsync("startup");
        string blobs = TestEnvironment.NewTempDirectory("shared-blobs");
        var servers = Enumerable.Range(0, 3).Select(_ => new PostgresServerFactory(connectionString, blobs)).ToList();
        try
        {
            // Building a factory's client runs the start-up steps (migrate, Hangfire's schema, roles, default model).
            await Task.WhenAll(servers.Select(server => Task.Run(() => server.CreateClient().Dispose())));

            var (versions, aliases, applied, pending) = await servers[2].WithDbAsync(async db => (
                await db.ModelVersions.CountAsync(),
                await db.ModelAliases.CountAsync(a => a.Name == ModelAlias.Production),
                (await db.Database.GetAppliedMigrationsAsync()).Count(),
                (await db.Database.GetPendingMigrationsAsync()).Count()));
            Assert.Equal((1, 1, 0), (versions, aliases, pending));
            Assert.True(applied > 0);
            Assert.IsType<PostgresRestoreWebDbContext>(servers[0].Services.CreateScope().ServiceProvider.GetRequiredService<RestoreWebDbContext>());

            // Registered on one, uploaded through another, restored by whichever worker took it.
            using var first = servers[0].NewClient();
            await first.RegisterAsync();
            var album = await first.CreateAlbumAsync();
            var photo = await first.UploadPhotoAsync(album.Id, "one.png", TestImages.Png(48, 32, seed: 7));
            var job = await first.WaitUntilFinishedAsync(photo.LatestJob!.Id, TimeSpan.FromSeconds(90));
            Assert.True(job.State == JobState.Succeeded, $"The job {job.State}: {job.FailureReason}\n{string.Join('\n', servers.SelectMany(s => s.Logs.Lines).Where(l => l.StartsWith("Error", StringComparison.Ordinal)))}\n{string.Join('\n', servers.Select(s => s.Services.GetRequiredService<RestoreWeb.Server.Hosting.DataFolders>().Blobs))}\n{string.Join('\n', Directory.GetFiles(blobs, "*", SearchOption.AllDirectories))}");
            Assert.Equal(DateTimeKind.Utc, (await servers[1].WithDbAsync(db => db.Jobs.SingleAsync(j => j.Id == job.Id))).FinishedAt!.Value.Kind);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
            Directory.Delete(blobs, recursive: true);
        }
    }

    private static List<string> Columns(Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        [.. model.GetRelationalModel().Tables
            .SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name} {(c.IsNullable ? "null" : "not null")} {c.MaxLength}"))
            .Order(StringComparer.Ordinal)];
}
