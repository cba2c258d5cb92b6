using System.Diagnostics;
using System.Globalization;
using RestoreWeb.LoadBench;

// A bounded load test on loopback: starts the built server, runs, prints its tables and stops by itself.
//   dotnet run -c Release --project tests/RestoreWeb.LoadBench [-- --users 20 --photos 10 --album-gb 1]
int users = Option("--users", 20), photosPerUser = Option("--photos", 10);
double albumGigabytes = Option("--album-gb", 1);

Console.WriteLine($"Load: {users} users × {photosPerUser} uploads (640×480 JPEG) with browsing, all at once; worker restoring with the tiny model.");
var latencies = new Latencies();
await using (var server = await ServerProcess.StartAsync(new Dictionary<string, string?>()))
{
    await using var memory = new MemorySampler(server.ResidentBytes);
    var started = DateTimeOffset.UtcNow;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, users).Select(async user =>
    {
        using var session = new UserSession(server.Address, latencies);
        await session.SignUpAsync($"load-{user}@example.com");
        for (int n = 0; n < photosPerUser; n++)
        {
            var photo = await session.UploadAsync($"photo-{n}.jpg", TestPhotos.Jpeg(640, 480, (user * 1000) + n), "image/jpeg");
            await session.BrowseAsync(photo, started);
        }
    }));
    watch.Stop();
    Console.WriteLine();
    Console.WriteLine(latencies.Table());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{users * photosPerUser} uploads in {watch.Elapsed.TotalSeconds:0.0} s; errors: {latencies.Errors}; web process RSS {Mb(memory.Start)} MB at start, peak {Mb(memory.Peak)} MB."));
    foreach (string sample in latencies.ErrorSamples)
    {
        Console.WriteLine($"  error: {sample}");
    }
}

if (albumGigabytes > 0)
{
    // Originals only: no worker, so that nothing restores 25-megapixel scans while the download is measured.
    await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?> { ["RestoreWeb__Jobs__RunWorker"] = "false" });
    var uploads = new Latencies();
    using var session = new UserSession(server.Address, uploads);
    await session.SignUpAsync("album-owner@example.com");
    const int Side = 5000;
    long perFile = TestPhotos.Bmp(1, 1, 0).Length - 4 + ((((Side * 3) + 3) / 4 * 4) * (long)Side);
    int files = (int)Math.Ceiling(albumGigabytes * 1e9 / perFile);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Album: {files} BMP scans of {Side}×{Side} ({perFile / 1e6:0} MB each) uploaded one by one…"));
    for (int n = 0; n < files; n++)
    {
        if (await session.UploadAsync($"scan-{n}.bmp", TestPhotos.Bmp(Side, Side, n), "image/bmp") is null)
        {
            Console.WriteLine($"  upload {n} failed: {string.Join("; ", uploads.ErrorSamples)}");
            return 1;
        }
    }
    GC.Collect();
    await Task.Delay(1000);
    await using var memory = new MemorySampler(server.ResidentBytes);
    var watch = Stopwatch.StartNew();
    long bytes = await session.DownloadAlbumAsync(includeOriginals: true);
    watch.Stop();
    Console.WriteLine();
    Console.WriteLine("| album ZIP | bytes | seconds | MB/s | web RSS before | web RSS peak during |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {files} originals | {bytes / 1e9:0.00} GB | {watch.Elapsed.TotalSeconds:0.0} | {bytes / 1e6 / watch.Elapsed.TotalSeconds:0} | {Mb(memory.Start)} MB | {Mb(memory.Peak)} MB |"));
}
return latencies.Errors == 0 ? 0 : 1;

static string Mb(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);

int Option(string name, int fallback) => Environment.GetCommandLineArgs() is var args && Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length
    ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
