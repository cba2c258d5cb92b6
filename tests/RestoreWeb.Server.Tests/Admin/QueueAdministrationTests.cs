using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Models;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Admin;

/// <summary>A server with its Hangfire worker running, an administrator, and a watched import folder.</summary>
public sealed class QueueAdminServerFactory : ServerFactory, IAsyncLifetime
{
    public string ImportFolder { get; } = Path.Combine(Path.GetTempPath(), $"restoreweb-import-{Guid.NewGuid():N}");

    public ApiClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = NewClient();
        await Admin.RegisterAsync(ApiClient.NewEmail("admin"));
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        Admin.Dispose();
        Directory.Delete(ImportFolder, recursive: true);
        return Task.CompletedTask;
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["RestoreWeb:Models:ImportFolder"] = ImportFolder;
        // The tests call the watcher themselves; its own timer should not race them.
        settings["RestoreWeb:Models:ImportPollInterval"] = "01:00:00";
    }
}

public sealed class QueueAdministrationTests(QueueAdminServerFactory server) : IClassFixture<QueueAdminServerFactory>
{
    private ApiClient Admin => server.Admin;

    private async Task<QueueOverviewDto> PostAsync(string path)
    {
        using var response = await Admin.Http.PostAsync(new Uri(path, UriKind.Relative), null);
        return await Admin.ExpectAsync<QueueOverviewDto>(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_paused_queue_keeps_jobs_queued_and_resuming_runs_them()
    {
        Assert.True((await PostAsync("/api/admin/queue/pause")).Paused);
        try
        {
            var album = await Admin.CreateAlbumAsync();
            var photo = await Admin.UploadPhotoAsync(album.Id, "paused.png", TestImages.Png(40, 32, seed: 110));
            // Long enough for the worker (polling every 0.2 s) to have picked the job up had the queue been running.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(JobState.Queued, (await Admin.GetJobAsync(photo.LatestJob!.Id)).State);
            var overview = (await Admin.Http.GetFromJsonAsync<QueueOverviewDto>("/api/admin/queue"))!;
            Assert.True(overview.Paused);
            Assert.True(overview.CountsByState["Queued"] >= 1);
            Assert.Equal("/hangfire", overview.DashboardUrl);

            Assert.False((await PostAsync("/api/admin/queue/resume")).Paused);
            Assert.Equal(JobState.Succeeded, (await Admin.WaitUntilFinishedAsync(photo.LatestJob.Id)).State);
        }
        finally
        {
            await PostAsync("/api/admin/queue/resume");
        }
    }

    [Fact]
    public async Task Reprocess_queues_photos_without_a_result_from_production_or_all_of_them()
    {
        var album = await Admin.CreateAlbumAsync();
        var photo = await Admin.UploadPhotoAsync(album.Id, "again.png", TestImages.Png(40, 32, seed: 111));
        await Admin.WaitUntilFinishedAsync(photo.LatestJob!.Id);

        async Task<ReprocessResultDto> Reprocess(ReprocessMode mode)
        {
            using var response = await Admin.Http.PostAsJsonAsync("/api/admin/reprocess", new ReprocessRequest(album.Id, mode));
            return await Admin.ExpectAsync<ReprocessResultDto>(response, HttpStatusCode.OK);
        }

        var missing = await Reprocess(ReprocessMode.Missing);
        Assert.Equal((0, 1), (missing.Queued, missing.Skipped));

        var next = await Admin.RegisterPackageAsync(TestPackages.Version("2.0.0"));
        Assert.Equal(HttpStatusCode.OK, (await Admin.PromoteAsync(next.Id, ModelAliasNames.Production, "reprocess test")).StatusCode);
        try
        {
            var queued = await Reprocess(ReprocessMode.Missing);
            Assert.Equal((1, 0, "tiny-random 2.0.0"), (queued.Queued, queued.Skipped, queued.ModelVersion));
            var jobs = (await Admin.Http.GetFromJsonAsync<PhotoDto>($"/api/photos/{photo.Id}"))!;
            var done = await Admin.WaitUntilFinishedAsync(jobs.LatestJob!.Id);
            Assert.Equal((JobState.Succeeded, "2.0.0"), (done.State, done.ModelVersion));

            Assert.Equal(0, (await Reprocess(ReprocessMode.Missing)).Queued);
            var all = await Reprocess(ReprocessMode.All);
            Assert.Equal(1, all.Queued);
            await Admin.WaitUntilFinishedAsync((await Admin.Http.GetFromJsonAsync<PhotoDto>($"/api/photos/{photo.Id}"))!.LatestJob!.Id);

            // Results from both versions stay: the earlier one still names its version.
            Assert.Equal("0.1.0", (await Admin.GetJobAsync(photo.LatestJob.Id)).ModelVersion);
            var byVersion = (await Admin.Http.GetFromJsonAsync<QueueOverviewDto>("/api/admin/queue"))!.ByModelVersion;
            Assert.Equal(2, byVersion.Single(v => v.ModelVersion == "tiny-random 2.0.0").Succeeded);
        }
        finally
        {
            await Admin.RollbackAsync(ModelAliasNames.Production, "end of the reprocess test");
        }
    }

    [Fact]
    public async Task Reprocess_keeps_each_photo_choice_of_tone()
    {
        var album = await Admin.CreateAlbumAsync();
        var plain = await Admin.UploadPhotoAsync(album.Id, "plain.png", TestImages.Png(40, 32, seed: 113));
        var faded = await Admin.UploadPhotoAsync(album.Id, "faded.png", TestImages.Png(40, 32, seed: 114), "?stretchContrast=true");
        await Admin.WaitUntilFinishedAsync(plain.LatestJob!.Id);
        await Admin.WaitUntilFinishedAsync(faded.LatestJob!.Id);

        using var response = await Admin.Http.PostAsJsonAsync("/api/admin/reprocess", new ReprocessRequest(album.Id, ReprocessMode.All));
        Assert.Equal(2, (await Admin.ExpectAsync<ReprocessResultDto>(response, HttpStatusCode.OK)).Queued);

        async Task<JobDto> Newest(Guid photoId) =>
            await Admin.WaitUntilFinishedAsync((await Admin.Http.GetFromJsonAsync<PhotoDto>($"/api/photos/{photoId}"))!.LatestJob!.Id);
        var (again, fadedAgain) = (await Newest(plain.Id), await Newest(faded.Id));
        Assert.NotEqual(plain.LatestJob.Id, again.Id);
        Assert.NotEqual(faded.LatestJob.Id, fadedAgain.Id);
        Assert.False(again.Options.StretchContrast);
        Assert.True(fadedAgain.Options.StretchContrast);
    }

    [Fact]
    public async Task Failed_jobs_are_retried_on_request()
    {
        var album = await Admin.CreateAlbumAsync();
        var photo = await Admin.UploadPhotoAsync(album.Id, "fails.png", TestImages.Png(40, 32, seed: 112));
        await Admin.WaitUntilFinishedAsync(photo.LatestJob!.Id);
        // Make the job look failed, as a worker would leave it after an error it recorded.
        await server.WithDbAsync(async db =>
        {
            var job = await db.Jobs.FindAsync(photo.LatestJob.Id);
            job!.State = JobState.Failed;
            job.FailureReason = "The worker ran out of memory.";
            return await db.SaveChangesAsync();
        });

        using var response = await Admin.Http.PostAsync(new Uri("/api/admin/queue/retry-failed", UriKind.Relative), null);
        Assert.True((await Admin.ExpectAsync<RetryFailedResultDto>(response, HttpStatusCode.OK)).Retried >= 1);
        var retried = await Admin.WaitUntilFinishedAsync(photo.LatestJob.Id);
        Assert.Equal((JobState.Succeeded, 2), (retried.State, retried.Attempts));
    }

    [Fact]
    public async Task Packages_dropped_into_the_import_folder_are_registered_and_bad_ones_set_aside_with_the_reason()
    {
        Directory.CreateDirectory(server.ImportFolder);
        await File.WriteAllBytesAsync(Path.Combine(server.ImportFolder, "good.zip"), TestPackages.Version("3.0.0"));
        await File.WriteAllBytesAsync(Path.Combine(server.ImportFolder, "bad.zip"), TestPackages.Tampered());

        int handled = await server.Services.GetRequiredService<ImportFolderWatcher>().ImportReadyAsync(server.ImportFolder, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(2, handled);
        var imported = Assert.Single(await Admin.ModelsAsync(), m => m.Version == "3.0.0");
        Assert.Equal(("import folder", "Validated"), (imported.RegisteredBy, imported.Status));
        Assert.True(File.Exists(Path.Combine(server.ImportFolder, "imported", "good.zip")));
        Assert.True(File.Exists(Path.Combine(server.ImportFolder, "rejected", "bad.zip")));
        Assert.Contains("SHA-256", await File.ReadAllTextAsync(Path.Combine(server.ImportFolder, "rejected", "bad.zip.txt")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(server.ImportFolder, "*.zip"));
    }
}

/// <summary>A default package below the gate's quality floor is registered as failed, not made production.</summary>
public sealed class StrictGateServerFactory : QueueOnlyServerFactory
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        base.Configure(settings);
        settings["RestoreWeb:Models:MinValidationPsnrDb"] = "99";
    }
}

public sealed class StrictGateTests(StrictGateServerFactory server) : IClassFixture<StrictGateServerFactory>
{
    [Fact]
    public async Task A_version_that_fails_the_gate_shows_why_and_cannot_be_promoted()
    {
        using var admin = server.NewClient();
        await admin.RegisterAsync();
        var model = Assert.Single(await admin.ModelsAsync());
        Assert.Equal("Failed", model.Status);
        Assert.Empty(model.Aliases);
        var evaluation = model.Validation!.Checks.Single(c => c.Name == "evaluation");
        Assert.False(evaluation.Passed);
        Assert.Contains("below the required 99 dB", evaluation.Detail, StringComparison.Ordinal);

        using var refused = await admin.PromoteAsync(model.Id, ModelAliasNames.Production, "ship it anyway");
        Assert.Contains("failed validation", (await ApiClient.ProblemAsync(refused, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        using var health = await admin.Http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Contains("did not pass validation", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>The product's own quality floor, with the default package an untrained (randomly initialised) network.</summary>
public sealed class DefaultFloorServerFactory : QueueOnlyServerFactory
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        base.Configure(settings);
        settings.Remove("RestoreWeb:Models:MinValidationPsnrDb");
    }
}

public sealed class DefaultFloorTests(DefaultFloorServerFactory server) : IClassFixture<DefaultFloorServerFactory>
{
    [Fact]
    public async Task An_untrained_network_fails_the_default_floor_although_its_output_takes_the_input_tone()
    {
        using var admin = server.NewClient();
        await admin.RegisterAsync();
        var model = Assert.Single(await admin.ModelsAsync());

        // The input's tone puts back a photo's means and contrast, but not its content: random weights stay far below.
        Assert.Equal("Failed", model.Status);
        var evaluation = model.Validation!.Checks.Single(c => c.Name == "evaluation");
        Assert.Contains("below the required 15 dB", evaluation.Detail, StringComparison.Ordinal);
    }
}
