using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Jobs;
using RestoreWeb.Server.Tests.Data;
using RestoreWeb.Server.Tests.Support;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.Server.Tests.Jobs;

/// <summary>
/// Which photos keep the contrast stretch when a new mask or a reprocess restores them again: those whose newest job
/// chose it, whatever their older jobs did. Asked of the database on both providers, with histories of several jobs.
/// </summary>
public sealed class StretchingContrastTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task On_SQLite_only_the_newest_job_of_each_photo_decides()
    {
        await using var server = new QueueOnlyServerFactory();
        await CheckAsync(server);
    }

    [Fact]
    public async Task On_PostgreSQL_only_the_newest_job_of_each_photo_decides()
    {
        await using var server = new PostgresServerFactory(await postgres.CreateDatabaseAsync("stretching"));
        await CheckAsync(server);
    }

    private static async Task CheckAsync(ServerFactory server)
    {
        using var member = server.NewClient();
        var account = await member.RegisterAsync();
        var album = await member.CreateAlbumAsync();
        var photos = new List<Guid>();
        for (int i = 0; i < 5; i++)
        {
            photos.Add((await member.UploadPhotoAsync(album.Id, $"p{i}.png", TestImages.Png(40, 30, seed: 900 + i))).Id);
        }
        // Each upload made a first job without the stretch; later jobs follow, oldest first, an hour apart.
        bool[][] later =
        [
            [true],               // newest stretches
            [true, false],        // stretched once, then not
            [],                   // never
            [false, true, true],  // newest two stretch
            [true, true, false],  // long history, newest does not
        ];
        await server.WithDbAsync(async db =>
        {
            var start = DateTime.UtcNow.AddDays(1);
            for (int p = 0; p < photos.Count; p++)
            {
                for (int k = 0; k < later[p].Length; k++)
                {
                    db.Jobs.Add(new RestorationJob
                    {
                        OwnerId = account.Id,
                        PhotoId = photos[p],
                        StretchContrast = later[p][k],
                        State = JobState.Succeeded,
                        CreatedAt = start.AddHours(k),
                        QueuedAt = start.AddHours(k),
                        UpdatedAt = start.AddHours(k),
                    });
                }
            }
            return await db.SaveChangesAsync();
        });

        await using var scope = server.Services.CreateAsyncScope();
        var scheduler = scope.ServiceProvider.GetRequiredService<JobScheduler>();
        var stretching = await scheduler.StretchingContrastAsync([.. photos, Guid.NewGuid()], CancellationToken.None);

        Assert.Equal(new HashSet<Guid> { photos[0], photos[3] }, stretching);
        Assert.Empty(await scheduler.StretchingContrastAsync([], CancellationToken.None));
    }
}
