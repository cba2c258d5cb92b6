using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Models;

/// <summary>A fresh installation whose default model package is not there (yet).</summary>
public sealed class MissingModelServerFactory : ServerFactory
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["RestoreWeb:Models:DefaultPackage"] = "models/no-such-starter.zip";
    }
}

public sealed class NoModelTests(MissingModelServerFactory server) : IClassFixture<MissingModelServerFactory>
{
    private const string NoModel = "No restoration model is installed; an administrator must add one.";

    [Fact]
    public async Task The_server_runs_and_its_health_report_says_no_model_is_installed()
    {
        using var client = server.NewClient();
        using var response = await client.Http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
        var model = report.RootElement.GetProperty("checks").GetProperty("model");
        Assert.Equal(NoModel, model.GetProperty("description").GetString());
        Assert.Contains("no-such-starter.zip", model.GetProperty("data").GetProperty("defaultPackage").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Photos_are_still_stored_but_their_jobs_fail_with_the_reason_and_cannot_be_retried_yet()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();

        var photo = await client.UploadPhotoAsync(album.Id, "waiting.jpg", TestImages.Jpeg(48, 48, seed: 70));

        Assert.Equal(JobState.Failed, photo.LatestJob!.State);
        Assert.Equal(NoModel, photo.LatestJob.FailureReason);
        Assert.Null(photo.LatestJob.ModelName);
        using (var retry = await client.Http.PostAsync(new Uri($"/api/jobs/{photo.LatestJob.Id}/retry", UriKind.Relative), null))
        {
            Assert.Equal(NoModel, (await ApiClient.ProblemAsync(retry, HttpStatusCode.Conflict)).Detail);
        }
        using (var production = await client.Http.GetAsync(new Uri("/api/models/production", UriKind.Relative)))
        {
            Assert.Equal(NoModel, (await ApiClient.ProblemAsync(production, HttpStatusCode.NotFound)).Detail);
        }
        using (var download = await client.Http.GetAsync(new Uri($"/api/albums/{album.Id}/download", UriKind.Relative)))
        {
            Assert.Contains("No photo in this album has been restored yet", (await ApiClient.ProblemAsync(download, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        }
        using (var result = await client.Http.GetAsync(new Uri($"/api/jobs/{photo.LatestJob.Id}/result", UriKind.Relative)))
        {
            Assert.Contains("has no result", (await ApiClient.ProblemAsync(result, HttpStatusCode.NotFound)).Detail, StringComparison.Ordinal);
        }
        // The originals are there all the same.
        var zip = await client.GetBytesAsync($"/api/albums/{album.Id}/download?includeOriginals=true");
        Assert.True(zip.Length > 0);
    }
}

/// <summary>A default package that is not a model package at all.</summary>
public sealed class BrokenModelServerFactory : QueueOnlyServerFactory
{
    public string Package { get; } = Path.Combine(Path.GetTempPath(), $"restoreweb-broken-{Guid.NewGuid():N}.zip");

    protected override void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        base.Configure(settings);
        File.WriteAllText(Package, "this is not a zip archive");
        settings["RestoreWeb:Models:DefaultPackage"] = Package;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(Package);
    }
}

public sealed class BrokenModelTests(BrokenModelServerFactory server) : IClassFixture<BrokenModelServerFactory>
{
    [Fact]
    public async Task A_default_package_that_cannot_be_used_leaves_the_server_running_and_says_why()
    {
        using var client = server.NewClient();
        using var response = await client.Http.GetAsync(new Uri("/health", UriKind.Relative));

        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var model = report.RootElement.GetProperty("checks").GetProperty("model");
        Assert.Equal("Degraded", model.GetProperty("status").GetString());
        Assert.Contains("is not a model package: it is not a zip archive", model.GetProperty("data").GetProperty("defaultPackage").GetString(), StringComparison.Ordinal);
        Assert.Contains(server.Logs.Lines, line => line.Contains("cannot be used", StringComparison.Ordinal));
        await client.RegisterAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(new Uri("/api/models/production", UriKind.Relative))).StatusCode);
    }
}
