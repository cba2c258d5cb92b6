using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;
using RestoreWeb.Tests.Shared;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Server.Tests.Jobs;

/// <summary>Jobs run by the in-process Hangfire worker with the tiny random model, polled as a browser would.</summary>
public sealed class JobLifecycleTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task An_uploaded_photo_is_restored_and_its_result_downloads_at_full_size_with_its_metadata()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        var photo = await client.UploadPhotoAsync(album.Id, "grandma.jpg", TestImages.Jpeg(96, 72, seed: 1, artist: "Aunt Edna"));
        var queued = photo.LatestJob!;
        Assert.Equal("tiny-random", queued.ModelName);
        Assert.Equal("0.1.0", queued.ModelVersion);

        var job = await client.WaitUntilFinishedAsync(queued.Id);

        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(1, job.Progress);
        Assert.Equal("done", job.Stage);
        Assert.Equal("CPU", job.ExecutionProvider);
        Assert.False(job.Plan!.Tiled);
        Assert.Equal(96, job.Plan.TileSize);
        Assert.Contains("restore", job.Timings.Keys);
        Assert.Equal(1, job.Attempts);
        Assert.Null(job.QueuePosition);
        Assert.Null(job.MaskUrl);

        using var response = await client.Http.GetAsync(new Uri(job.ResultUrl!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("grandma.jpg", response.Content.Headers.ContentDisposition?.FileNameStar);
        using var restored = Image.Load(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((96, 72), (restored.Width, restored.Height));
        Assert.Equal("Aunt Edna", restored.Metadata.ExifProfile?.GetValue(ExifTag.Artist)?.Value);

        // The photo's own result link serves the same file.
        Assert.Equal(await client.GetBytesAsync(job.ResultUrl!), await client.GetBytesAsync($"/api/photos/{photo.Id}/result"));
    }

    [Fact]
    public async Task A_png_scan_is_restored_as_png_named_after_the_original()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        var photo = await client.UploadPhotoAsync(album.Id, "wedding 1952.tif", TestImages.Tiff(64, 48, seed: 2));

        var job = await client.WaitUntilFinishedAsync(photo.LatestJob!.Id);

        Assert.Equal(JobState.Succeeded, job.State);
        using var response = await client.Http.GetAsync(new Uri(job.ResultUrl!, UriKind.Relative));
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("wedding 1952.png", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal((64, 48), TestImages.SizeOf(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Polling_for_changes_returns_jobs_changed_since_the_cursor_and_every_active_one()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        var first = await client.UploadPhotoAsync(album.Id, "first.jpg", TestImages.Jpeg(64, 48, seed: 3));
        await client.WaitUntilFinishedAsync(first.LatestJob!.Id);

        var initial = (await client.Http.GetFromJsonAsync<JobChangesDto>("/api/jobs"))!;
        Assert.Contains(initial.Jobs, j => j.Id == first.LatestJob.Id && j.State == JobState.Succeeded);

        // Nothing changes for longer than the cursor's overlap: the finished job drops out of the window.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var next = (await client.Http.GetFromJsonAsync<JobChangesDto>($"/api/jobs?changedSince={Uri.EscapeDataString(initial.Cursor.ToString("O"))}"))!;
        var quiet = (await client.Http.GetFromJsonAsync<JobChangesDto>($"/api/jobs?changedSince={Uri.EscapeDataString(next.Cursor.ToString("O"))}"))!;
        Assert.Empty(quiet.Jobs);

        var second = await client.UploadPhotoAsync(album.Id, "second.jpg", TestImages.Jpeg(64, 48, seed: 4));
        await client.WaitUntilFinishedAsync(second.LatestJob!.Id);
        var changed = (await client.Http.GetFromJsonAsync<JobChangesDto>($"/api/jobs?changedSince={Uri.EscapeDataString(quiet.Cursor.ToString("O"))}"))!;
        var seen = Assert.Single(changed.Jobs);
        Assert.Equal(second.LatestJob.Id, seen.Id);
        Assert.Equal(JobState.Succeeded, seen.State);
    }

    [Fact]
    public async Task Cancelling_stops_a_running_job_at_its_next_progress_report_and_takes_a_queued_one_off_the_queue()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        // One worker: the large scratch repair runs for seconds while the small photo waits behind it. At 640×480 it
        // once finished (1.7 s) on a busy CI machine before a poll saw its restore stage.
        var running = (await client.UploadPhotoAsync(album.Id, "long.jpg", TestImages.Jpeg(1280, 960, seed: 5), "?repairScratches=true")).LatestJob!;
        var waiting = (await client.UploadPhotoAsync(album.Id, "waiting.jpg", TestImages.Jpeg(64, 48, seed: 6))).LatestJob!;

        var inProgress = await client.WaitForJobAsync(running.Id, j => j.State == JobState.Running && j.Stage == "restore");
        Assert.InRange(inProgress.Progress, 0.15, 0.95);
        await client.WaitForJobAsync(waiting.Id, j => j.State == JobState.Queued);
        Assert.Equal(1, (await client.GetJobAsync(waiting.Id)).QueuePosition);

        using (var cancel = await client.Http.PostAsync(new Uri($"/api/jobs/{waiting.Id}/cancel", UriKind.Relative), null))
        {
            Assert.Equal(JobState.Cancelled, (await ApiClient.ReadAsync<JobDto>(cancel, HttpStatusCode.OK)).State);
        }
        var cancelledAt = DateTime.UtcNow;
        using (var cancel = await client.Http.PostAsync(new Uri($"/api/jobs/{running.Id}/cancel", UriKind.Relative), null))
        {
            Assert.Equal(JobState.Cancelled, (await ApiClient.ReadAsync<JobDto>(cancel, HttpStatusCode.OK)).State);
        }

        await WaitForLogAsync($"Job {running.Id} stopped at its next progress report", TimeSpan.FromSeconds(20));
        Assert.True(DateTime.UtcNow - cancelledAt < TimeSpan.FromSeconds(10), "The worker should stop within moments of the cancel.");
        var stopped = await client.GetJobAsync(running.Id);
        Assert.Equal(JobState.Cancelled, stopped.State);
        Assert.Null(stopped.ResultUrl);
        Assert.DoesNotContain(await server.BlobNamesAsync($"results/{running.PhotoId:N}/"), name => name.Contains($"{running.Id:N}", StringComparison.Ordinal));

        // Cancelling again is refused with the reason.
        using (var again = await client.Http.PostAsync(new Uri($"/api/jobs/{running.Id}/cancel", UriKind.Relative), null))
        {
            var problem = await ApiClient.ProblemAsync(again, HttpStatusCode.Conflict);
            Assert.Contains("already cancelled", problem.Detail, StringComparison.Ordinal);
        }

        // The queued one never ran; a retry runs it now, with the same options and job id.
        Assert.Equal(0, (await client.GetJobAsync(waiting.Id)).Attempts);
        using (var retry = await client.Http.PostAsync(new Uri($"/api/jobs/{waiting.Id}/retry", UriKind.Relative), null))
        {
            Assert.Equal(JobState.Queued, (await ApiClient.ReadAsync<JobDto>(retry, HttpStatusCode.Accepted)).State);
        }
        var retried = await client.WaitUntilFinishedAsync(waiting.Id);
        Assert.Equal(JobState.Succeeded, retried.State);
        Assert.Equal(1, retried.Attempts);
        Assert.Equal([$"results/{waiting.PhotoId:N}/{waiting.Id:N}.jpg"], await server.BlobNamesAsync($"results/{waiting.PhotoId:N}/"));

        // A finished job cannot be retried: a new job with other options is the way.
        using var refused = await client.Http.PostAsync(new Uri($"/api/jobs/{waiting.Id}/retry", UriKind.Relative), null);
        Assert.Contains("start a new job", (await ApiClient.ProblemAsync(refused, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_run_again_after_its_worker_died_takes_over_and_overwrites_the_same_result_blob()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        var photo = await client.UploadPhotoAsync(album.Id, "crash.png", TestImages.Png(64, 48, seed: 7));
        var job = await client.WaitUntilFinishedAsync(photo.LatestJob!.Id);
        string resultBlob = $"results/{photo.Id:N}/{job.Id:N}.png";
        Assert.Equal([resultBlob], await server.BlobNamesAsync($"results/{photo.Id:N}/"));

        // Simulate a worker that died mid-write: a half-written result, and a row still "running" under a run
        // token nobody holds, with a heartbeat long past.
        using (var partial = new MemoryStream("half a PNG"u8.ToArray()))
        {
            await server.Blobs.PutAsync(resultBlob, partial, "image/png");
        }
        string? hangfireId = await server.WithDbAsync(async db =>
        {
            var row = await db.Jobs.SingleAsync(j => j.Id == job.Id);
            row.State = JobState.Running;
            row.RunToken = Guid.NewGuid();
            row.HeartbeatAt = DateTime.UtcNow.AddHours(-1);
            await db.SaveChangesAsync();
            return row.HangfireJobId;
        });
        // Hangfire delivers the same job again, as it does once a dead worker's fetch times out.
        Assert.True(server.Services.GetRequiredService<IBackgroundJobClient>().Requeue(hangfireId!));

        var rerun = await client.WaitForJobAsync(job.Id, j => j.State == JobState.Succeeded && j.Attempts == 2);
        Assert.Equal([resultBlob], await server.BlobNamesAsync($"results/{photo.Id:N}/"));
        var result = await client.GetBytesAsync(rerun.ResultUrl!);
        Assert.Equal((64, 48), TestImages.SizeOf(result));
    }

    [Fact]
    public async Task A_job_delivered_twice_while_its_first_run_is_alive_is_not_run_twice()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        var photo = await client.UploadPhotoAsync(album.Id, "twice.jpg", TestImages.Jpeg(64, 48, seed: 8));
        var job = await client.WaitUntilFinishedAsync(photo.LatestJob!.Id);
        string? hangfireId = await server.WithDbAsync(db => db.Jobs.Where(j => j.Id == job.Id).Select(j => j.HangfireJobId).SingleAsync());

        // Succeeded is final: a second delivery finds nothing to do.
        Assert.True(server.Services.GetRequiredService<IBackgroundJobClient>().Requeue(hangfireId!));
        await WaitForLogAsync($"Job {job.Id} was not claimed", TimeSpan.FromSeconds(20));
        var after = await client.GetJobAsync(job.Id);
        Assert.Equal(JobState.Succeeded, after.State);
        Assert.Equal(1, after.Attempts);
    }

    [Fact]
    public async Task Scratch_repair_stores_the_mask_and_an_edited_mask_reruns_the_photo_with_exactly_that_mask()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        var photo = await client.UploadPhotoAsync(album.Id, "scratched.jpg", TestImages.Jpeg(64, 48, seed: 9), "?repairScratches=true");
        var job = await client.WaitUntilFinishedAsync(photo.LatestJob!.Id);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.True(job.Options.RepairScratches);
        Assert.Contains("detect", job.Timings.Keys);
        using (var detected = Image.Load<L8>(await client.GetBytesAsync(job.MaskUrl!)))
        {
            Assert.Equal((64, 48), (detected.Width, detected.Height));
        }

        // Wrong size, wrong format and damaged files are refused, each saying why.
        using (var wrongSize = await PutMaskAsync(client, photo.Id, MaskWithStripe(32, 24)))
        {
            Assert.Contains("The mask is 32×24 pixels but the photo is 64×48", (await ApiClient.ProblemAsync(wrongSize, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
        using (var jpeg = await PutMaskAsync(client, photo.Id, TestImages.Jpeg(64, 48, seed: 10)))
        {
            Assert.Contains("must be a PNG", (await ApiClient.ProblemAsync(jpeg, HttpStatusCode.UnsupportedMediaType)).Detail, StringComparison.Ordinal);
        }
        using (var truncated = await PutMaskAsync(client, photo.Id, MaskWithStripe(64, 48)[..60]))
        {
            Assert.Contains("incomplete", (await ApiClient.ProblemAsync(truncated, HttpStatusCode.UnprocessableEntity)).Detail, StringComparison.Ordinal);
        }

        JobDto edited;
        using (var accepted = await PutMaskAsync(client, photo.Id, MaskWithStripe(64, 48)))
        {
            edited = await ApiClient.ReadAsync<JobDto>(accepted, HttpStatusCode.Accepted);
        }
        Assert.True(edited.HasUserMask);
        Assert.Equal(new JobOptionsDto(RepairScratches: true, DetectScratches: false), edited.Options);
        var done = await client.WaitUntilFinishedAsync(edited.Id);
        Assert.Equal(JobState.Succeeded, done.State);

        // With detection off, the mask used is the drawn one: the stripe and nothing else.
        using var used = Image.Load<L8>(await client.GetBytesAsync(done.MaskUrl!));
        for (int y = 0; y < 48; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                Assert.Equal(x is >= 20 and < 24 ? 255 : 0, used[x, y].PackedValue);
            }
        }
        // Both jobs stay in the photo's history, newest first.
        var history = (await client.Http.GetFromJsonAsync<JobDto[]>($"/api/photos/{photo.Id}/jobs"))!;
        Assert.Equal([edited.Id, job.Id], history.Select(j => j.Id));
    }

    [Fact]
    public async Task A_photo_keeps_its_own_tone_unless_the_contrast_stretch_is_chosen_and_a_new_mask_keeps_that_choice()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        // Mid-tones only: a tone near black or white would be clipped and move the means.
        byte[] original;
        using (var mid = new Image<Rgb24>(64, 48))
        {
            mid.ProcessPixelRows(rows =>
            {
                for (int y = 0; y < rows.Height; y++)
                {
                    var row = rows.GetRowSpan(y);
                    for (int x = 0; x < row.Length; x++)
                    {
                        row[x] = new Rgb24((byte)(70 + (x * 2)), (byte)(60 + (y * 2)), (byte)((x / 8 + y / 8) % 2 == 0 ? 110 : 150));
                    }
                }
            });
            using var stream = new MemoryStream();
            mid.SaveAsPng(stream);
            original = stream.ToArray();
        }
        var photo = await client.UploadPhotoAsync(album.Id, "faded.png", original);
        var toned = await client.WaitUntilFinishedAsync(photo.LatestJob!.Id);
        Assert.Equal(JobState.Succeeded, toned.State);
        Assert.False(toned.Options.StretchContrast);

        using var again = await client.Http.PostAsJsonAsync($"/api/photos/{photo.Id}/jobs", new StartJobRequest(StretchContrast: true));
        var stretched = await client.WaitUntilFinishedAsync((await ApiClient.ReadAsync<JobDto>(again, HttpStatusCode.Accepted)).Id);
        Assert.Equal(JobState.Succeeded, stretched.State);
        Assert.True(stretched.Options.StretchContrast);

        // The photo's tone: its channel means. The stretch: the darkest value black and the brightest white.
        var (sourceMeans, _, _) = ToneStatistics.Of(original);
        var (tonedMeans, _, _) = ToneStatistics.Of(await client.GetBytesAsync(toned.ResultUrl!));
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(sourceMeans[c], tonedMeans[c], 2.0));
        var (_, darkest, brightest) = ToneStatistics.Of(await client.GetBytesAsync(stretched.ResultUrl!));
        Assert.Equal((0, 255), (darkest, brightest));

        using var accepted = await PutMaskAsync(client, photo.Id, MaskWithStripe(64, 48));
        var edited = await ApiClient.ReadAsync<JobDto>(accepted, HttpStatusCode.Accepted);
        Assert.Equal(new JobOptionsDto(RepairScratches: true, DetectScratches: false, StretchContrast: true), edited.Options);
        Assert.Equal(JobState.Succeeded, (await client.WaitUntilFinishedAsync(edited.Id)).State);
    }

    private static async Task<HttpResponseMessage> PutMaskAsync(ApiClient client, Guid photoId, byte[] png)
    {
        using var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return await client.Http.PutAsync(new Uri($"/api/photos/{photoId}/mask", UriKind.Relative), content);
    }

    /// <summary>Black, with a white vertical stripe at x = 20..23: what the mask editor would send.</summary>
    private static byte[] MaskWithStripe(int width, int height)
    {
        using var mask = new Image<L8>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 20; x < Math.Min(24, width); x++)
            {
                mask[x, y] = new L8(255);
            }
        }
        using var output = new MemoryStream();
        mask.SaveAsPng(output);
        return output.ToArray();
    }

    private async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!server.Logs.Lines.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The server never logged \"{text}\".");
            await Task.Delay(50);
        }
    }
}
