using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Npgsql;
using RestoreWeb.Testing.Services;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace RestoreWeb.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Two web and two worker processes on PostgreSQL and Azurite, configured by environment variables alone. Several
/// people upload through both web processes; a worker is killed (SIGKILL) in the middle of a restoration and comes
/// back. Every job must end restored exactly once, with exactly one result, and the killed run's job must have been
/// taken over.
/// </summary>
public sealed partial class ScaleOutTests(PostgresFixture postgres, AzuriteFixture azurite, ITestOutputHelper output)
    : IClassFixture<PostgresFixture>, IClassFixture<AzuriteFixture>
{
    private const int Users = 4;
    private const int PhotosPerUser = 25;

    [Fact]
    public async Task Two_webs_and_two_workers_restore_every_photo_exactly_once_when_a_worker_is_killed_mid_job()
    {
        var wall = Stopwatch.StartNew();
        await using var cluster = await ScaleOutCluster.CreateAsync(postgres, azurite);

        // All three start at once against the empty database: one migrates and installs the model, the others wait.
        var web1 = cluster.Start("web-1", "web");
        var web2 = cluster.Start("web-2", "web");
        var worker1 = cluster.Start("worker-1", "worker");
        await ScaleOutCluster.WaitUntilLiveAsync(web1, web2, worker1);
        output.WriteLine($"{wall.Elapsed.TotalSeconds:0.0} s: web-1, web-2 and worker-1 are live");
        RestoreWebProcess[] webs = [web1, web2];

        await A_worker_serves_only_its_health(worker1);
        await A_session_started_on_one_web_process_works_on_the_other(webs);

        var sessions = new List<(UserSession Session, Guid Album)>();
        for (int u = 0; u < Users; u++)
        {
            var session = new UserSession(webs);
            await session.RegisterAsync(u % 2, $"scaleout-{u}-{Guid.NewGuid():N}@example.com");
            sessions.Add((session, await session.CreateAlbumAsync((u + 1) % 2, $"Album {u}")));
        }
        try
        {
            // The victim: a photo large enough that its restoration is still running when worker-1, the only worker
            // so far, is killed.
            var (owner, ownerAlbum) = sessions[0];
            var victim = await owner.UploadAsync(owner.Web(0), ownerAlbum, "victim.png", Png(1600, 1200, seed: 0));
            await WaitUntilAsync(async () => (await JobAsync(cluster, victim.Job)).State == "Running", TimeSpan.FromSeconds(60), cluster,
                "the victim job never started running");
            await worker1.KillAsync();
            var killed = await JobAsync(cluster, victim.Job);
            Assert.True(killed is { State: "Running", Attempts: 1 },
                $"worker-1 was killed while running the victim job, so it must be left running after its first attempt; it is {killed}.");
            output.WriteLine($"{wall.Elapsed.TotalSeconds:0.0} s: killed worker-1 (pid {worker1.ProcessId}) in the middle of job {victim.Job}");

            // Two workers from now on: a second one, and the killed one restarted (as a supervisor would).
            var worker2 = cluster.Start("worker-2", "worker");
            var worker1Again = cluster.Start("worker-1-restarted", "worker");

            var jobs = new System.Collections.Concurrent.ConcurrentBag<Guid> { victim.Job };
            var uploads = Enumerable.Range(0, Users * PhotosPerUser).Select(i => (User: i % Users, Index: i)).ToList();
            await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (upload, _) =>
            {
                var (session, album) = sessions[upload.User];
                // Alternate the web processes per upload, whatever process the session started on.
                var (_, job) = await session.UploadAsync(session.Web(upload.Index % 2), album, $"photo-{upload.Index}.png", Png(48, 32, seed: upload.Index + 1));
                jobs.Add(job);
            });
            output.WriteLine($"{wall.Elapsed.TotalSeconds:0.0} s: {uploads.Count} photos uploaded through both web processes");
            await ScaleOutCluster.WaitUntilLiveAsync(worker2, worker1Again);

            await WaitUntilAsync(async () => await UnfinishedAsync(cluster) == 0, TimeSpan.FromSeconds(240), cluster,
                "not every job finished");
            output.WriteLine($"{wall.Elapsed.TotalSeconds:0.0} s: every job finished");

            var rows = await AllJobsAsync(cluster);
            Assert.Equal(jobs.Order(), rows.Keys.Order());
            Assert.All(rows, row => Assert.True(row.Value.State == "Succeeded", $"job {row.Key} ended {row.Value}"));
            var taken = rows[victim.Job];
            Assert.True(taken.Attempts >= 2, $"the killed worker's job must have been run again; it has {taken.Attempts} attempt(s)");
            Assert.All(rows.Where(r => r.Key != victim.Job), row => Assert.Equal(1, row.Value.Attempts));
            output.WriteLine($"the killed job ran {taken.Attempts} times; the other {rows.Count - 1} ran once each");

            // Exactly one result blob per job, and it is the one the row names.
            var results = await ResultBlobsAsync(azurite, cluster.Container);
            Assert.Equal(rows.Count, results.Count);
            foreach (var (id, row) in rows)
            {
                Assert.Equal(row.ResultBlob, Assert.Single(results, name => name.Contains($"/{id:N}.", StringComparison.Ordinal)));
            }

            // Exactly one run of each job reported success, all of them in workers.
            string workersSaid = string.Concat(cluster.Processes.Where(p => p.Name.StartsWith("worker", StringComparison.Ordinal)).Select(p => p.Output));
            var runs = SucceededLine().Matches(workersSaid)
                .Select(m => (Job: Guid.Parse(m.Groups[1].Value), Seconds: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            Assert.Equal(rows.Keys.Order(), runs.Select(r => r.Job).Order());
            var small = runs.Where(r => r.Job != victim.Job).Select(r => r.Seconds).Order().ToList();
            output.WriteLine($"restoration times: the large photo {runs.Single(r => r.Job == victim.Job).Seconds:0.00} s, the small ones median {small[small.Count / 2]:0.00} s, max {small[^1]:0.00} s");
            Assert.DoesNotMatch(SucceededLine(), web1.Output + web2.Output);
            Assert.DoesNotContain(SucceededLine().Matches(worker1.Output), m => m.Groups[1].Value == victim.Job.ToString());

            // What people see agrees, whichever web process they ask.
            for (int u = 0; u < Users; u++)
            {
                var (session, _) = sessions[u];
                using var response = await session.Web((u + 1) % 2).GetAsync(new Uri("/api/jobs", UriKind.Relative));
                var listed = (await UserSession.ExpectJsonAsync(response, HttpStatusCode.OK))["jobs"]!.AsArray();
                Assert.Equal(PhotosPerUser + (u == 0 ? 1 : 0), listed.Count);
                Assert.All(listed, job => Assert.Equal("Succeeded", job!["state"]!.GetValue<string>()));
            }
            output.WriteLine($"{wall.Elapsed.TotalSeconds:0.0} s: done; {rows.Count} jobs on 2 web + 2 worker processes");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.WriteLine(cluster.Tails());
            throw;
        }
        finally
        {
            foreach (var (session, _) in sessions)
            {
                session.Dispose();
            }
        }
    }

    private static async Task A_worker_serves_only_its_health(RestoreWebProcess worker)
    {
        using var client = worker.CreateClient();
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    private static async Task A_session_started_on_one_web_process_works_on_the_other(RestoreWebProcess[] webs)
    {
        using var session = new UserSession(webs);
        await session.RegisterAsync(0, $"cookie-{Guid.NewGuid():N}@example.com");
        // The cookie web-1 issued is all the second process gets; it must read it with the shared keys.
        Assert.NotEmpty(session.Cookies.GetCookies(webs[1].BaseAddress));
        Assert.Equal(session.AccountId, await session.MeAsync(1));
        var album = await session.CreateAlbumAsync(1, "Made on web-2 with web-1's antiforgery token");
        using var listed = await session.Web(0).GetAsync(new Uri("/api/albums", UriKind.Relative));
        Assert.Contains(album.ToString(), await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static byte[] Png(int width, int height, int seed)
    {
        var random = new Random(seed);
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    // A gradient with grain: like a scan, and unique to the seed (uploads are de-duplicated by content).
                    byte grain = (byte)random.Next(16);
                    row[x] = new Rgb24((byte)(x * 200 / width + grain), (byte)(y * 200 / height + grain), (byte)(100 + grain));
                }
            }
        });
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    private sealed record JobRow(string State, int Attempts, string? ResultBlob);

    private static async Task<JobRow> JobAsync(ScaleOutCluster cluster, Guid id) => (await AllJobsAsync(cluster, id))[id];

    private static async Task<Dictionary<Guid, JobRow>> AllJobsAsync(ScaleOutCluster cluster, Guid? only = null)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "Id", "State", "Attempts", "ResultBlob" FROM "Jobs" WHERE @id IS NULL OR "Id" = @id""", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("id", only) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, JobRow>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetGuid(0)] = new JobRow(reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }
        return rows;
    }

    private static async Task<long> UnfinishedAsync(ScaleOutCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "Jobs" WHERE "State" IN ('Queued', 'Running')""", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ResultBlobsAsync(AzuriteFixture azurite, string container)
    {
        var client = new BlobContainerClient(azurite.ConnectionString, container);
        var names = new List<string>();
        await foreach (var blob in client.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "results/" }))
        {
            names.Add(blob.Name);
        }
        return names;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, ScaleOutCluster cluster, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Within {timeout.TotalSeconds:0} s {failure}.\n{cluster.Tails()}");
            }
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"Job ([0-9a-f-]{36}) succeeded in ([0-9.]+) s")]
    private static partial Regex SucceededLine();
}
