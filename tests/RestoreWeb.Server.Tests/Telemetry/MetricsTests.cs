using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Telemetry;

/// <summary>A server with a worker and its administrator, the first account.</summary>
public sealed class MetricsServerFactory : ServerFactory, IAsyncLifetime
{
    public ApiClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = NewClient();
        await Admin.RegisterAsync(ApiClient.NewEmail("admin"));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public sealed partial class MetricsTests(MetricsServerFactory server) : IClassFixture<MetricsServerFactory>
{
    [Fact]
    public async Task After_a_job_ran_the_metrics_show_its_duration_provider_outcome_and_the_queue()
    {
        var admin = server.Admin;
        var album = await admin.CreateAlbumAsync();
        var photo = await admin.UploadPhotoAsync(album.Id, "metered.jpg", TestImages.Jpeg(48, 40, seed: 500));
        var job = await admin.WaitUntilFinishedAsync(photo.LatestJob!.Id);
        Assert.Equal(JobState.Succeeded, job.State);
        string provider = job.ExecutionProvider!;

        string metrics = await ScrapeUntilAsync(admin, text => text.Contains("restoreweb_job_duration_seconds_count", StringComparison.Ordinal));

        Assert.True(Sample(metrics, "restoreweb_job_duration_seconds_count", $"execution_provider=\"{provider}\"", "outcome=\"succeeded\"") >= 1, metrics);
        Assert.True(Sample(metrics, "restoreweb_queue_depth", "state=\"succeeded\"") >= 1, metrics);
        Assert.Equal(0, Sample(metrics, "restoreweb_queue_depth", "state=\"running\""));
        Assert.Equal(1, Sample(metrics, "restoreweb_execution_provider", $"provider=\"{provider}\""));
    }

    [Fact]
    public async Task A_failed_job_counts_as_a_failure()
    {
        var admin = server.Admin;
        var album = await admin.CreateAlbumAsync();
        var photo = await admin.UploadPhotoAsync(album.Id, "gone.jpg", TestImages.Jpeg(40, 40, seed: 501));
        await admin.WaitUntilFinishedAsync(photo.LatestJob!.Id);
        // The original disappears from storage: a new job for the photo fails, and says why.
        await server.Blobs.DeleteAsync($"originals/{photo.Id:N}.jpg");
        using var restart = await admin.Http.PostAsync(new Uri($"/api/photos/{photo.Id}/jobs", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new StartJobRequest()));
        var again = await admin.ExpectAsync<JobDto>(restart, HttpStatusCode.Accepted);
        Assert.Equal(JobState.Failed, (await admin.WaitUntilFinishedAsync(again.Id)).State);

        string metrics = await ScrapeUntilAsync(admin, text => text.Contains("restoreweb_job_failures_total", StringComparison.Ordinal));
        Assert.True(Sample(metrics, "restoreweb_job_failures_total", "kind=\"unexpected\"") >= 1, metrics);
        Assert.True(Sample(metrics, "restoreweb_job_duration_seconds_count", "outcome=\"failed\"") >= 1, metrics);

        // Only administrators read the metrics (unless RestoreWeb:Telemetry:AllowAnonymousPrometheus says otherwise).
        using var member = server.NewClient();
        await member.RegisterAsync();
        using var forbidden = await member.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var anonymous = await server.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_second_server_in_the_same_process_reports_its_own_queue_and_not_this_ones()
    {
        // Observable gauges of another host's meter would overwrite this host's values in its scrape.
        var admin = server.Admin;
        var album = await admin.CreateAlbumAsync();
        foreach (int seed in new[] { 510, 511 })
        {
            var photo = await admin.UploadPhotoAsync(album.Id, $"here-{seed}.jpg", TestImages.Jpeg(40, 32, seed));
            Assert.Equal(JobState.Succeeded, (await admin.WaitUntilFinishedAsync(photo.LatestJob!.Id)).State);
        }
        int succeededHere = await server.WithDbAsync(db => db.Jobs.CountAsync(j => j.State == JobState.Succeeded));

        await using var other = new ServerFactory();
        using var otherAdmin = other.NewClient();
        await otherAdmin.RegisterAsync(ApiClient.NewEmail("other-admin"));
        var otherAlbum = await otherAdmin.CreateAlbumAsync();
        var otherPhoto = await otherAdmin.UploadPhotoAsync(otherAlbum.Id, "there.jpg", TestImages.Jpeg(40, 32, seed: 512));
        Assert.Equal(JobState.Succeeded, (await otherAdmin.WaitUntilFinishedAsync(otherPhoto.LatestJob!.Id)).State);

        string here = await ScrapeUntilAsync(admin, text => SucceededDepth(text) == succeededHere);
        string there = await ScrapeUntilAsync(otherAdmin, text => SucceededDepth(text) == 1);

        Assert.True(succeededHere >= 2);
        Assert.Equal(succeededHere, SucceededDepth(here));
        Assert.Equal(1, SucceededDepth(there));
    }

    private static double? SucceededDepth(string metrics) =>
        metrics.Contains("restoreweb_queue_depth{", StringComparison.Ordinal) ? Sample(metrics, "restoreweb_queue_depth", "state=\"succeeded\"") : null;

    private async Task<string> ScrapeUntilAsync(ApiClient admin, Func<string, bool> until)
    {
        // The exporter caches a scrape for a moment; a fresh one follows shortly.
        for (int attempt = 0; ; attempt++)
        {
            using var response = await admin.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            string text = await response.Content.ReadAsStringAsync();
            if (until(text) || attempt == 20)
            {
                return text;
            }
            await Task.Delay(250);
        }
    }

    /// <summary>The value of the first sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    private static double Sample(string metrics, string name, params string[] labels)
    {
        foreach (Match match in SampleLine().Matches(metrics))
        {
            if (match.Groups["name"].Value == name && labels.All(l => match.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }
        throw new Xunit.Sdk.XunitException($"No sample {name}{{{string.Join(",", labels)}}} in:\n{metrics}");
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
