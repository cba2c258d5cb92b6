using System.Net;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.Server.Tests.Data;

/// <summary>
/// Uploads of one account racing for its last free bytes: without an atomic check each would see the room before
/// any stored its photo, and all would fit.
/// </summary>
public sealed class UploadQuotaRaceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int Racers = 8;
    private const int Fit = 3;

    [Fact]
    public async Task On_SQLite_concurrent_uploads_never_exceed_the_quota()
    {
        await using var server = new QueueOnlyServerFactory();
        await RaceAsync(server);
    }

    [Fact]
    public async Task On_PostgreSQL_concurrent_uploads_never_exceed_the_quota()
    {
        await using var server = new PostgresServerFactory(await postgres.CreateDatabaseAsync("quota"));
        await RaceAsync(server);
    }

    private static async Task RaceAsync(ServerFactory server)
    {
        using var member = server.NewClient();
        var account = await member.RegisterAsync();
        var album = await member.CreateAlbumAsync();
        var files = Enumerable.Range(0, Racers).Select(i => TestImages.Png(40, 30, seed: 500 + i)).ToList();
        long quota = files.Order(Comparer<byte[]>.Create((a, b) => a.Length.CompareTo(b.Length))).Take(Fit).Sum(f => (long)f.Length);
        await server.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.UploadQuotaBytes, quota)));

        var outcomes = await Task.WhenAll(files.Select(async (file, i) =>
        {
            using var response = await member.UploadRawAsync(album.Id, [($"racer-{i}.png", file)]);
            // A request whose only file was refused answers 413, with the same per-file outcomes.
            var expected = response.StatusCode == HttpStatusCode.RequestEntityTooLarge ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.OK;
            return Assert.Single((await ApiClient.ReadAsync<UploadResponse>(response, expected)).Files);
        }));

        long stored = await server.WithDbAsync(db => db.Photos.Where(p => p.OwnerId == account.Id).SumAsync(p => p.SizeBytes));
        Assert.InRange(stored, 1, quota);
        Assert.Equal(outcomes.Count(o => o.Outcome == UploadOutcome.Stored), await server.PhotoCountAsync());
        Assert.All(outcomes.Where(o => o.Outcome != UploadOutcome.Stored), o => Assert.Equal("QuotaExceeded", o.Error!.Reason));
        // A refused upload leaves no blobs behind.
        Assert.Equal(await server.PhotoCountAsync(), (await server.BlobNamesAsync("originals/")).Count);
    }
}
