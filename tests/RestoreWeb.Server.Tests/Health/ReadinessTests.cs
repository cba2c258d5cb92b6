using System.Net;
using System.Text.Json;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Health;

public sealed class ReadinessTests(QueueOnlyServerFactory server) : IClassFixture<QueueOnlyServerFactory>
{
    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task Readiness_checks_the_database_the_blob_store_the_queue_and_the_model(string path)
    {
        using var client = server.CreateClient();
        var blobsBefore = await server.BlobNamesAsync("");

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks");
        foreach (string check in new[] { "database", "blobs", "queue", "model" })
        {
            Assert.Equal("Healthy", checks.GetProperty(check).GetProperty("status").GetString());
        }
        Assert.Equal("The blob store takes writes.", checks.GetProperty("blobs").GetProperty("description").GetString());
        Assert.True(checks.GetProperty("queue").GetProperty("data").TryGetProperty("enqueued", out _));
        // The probe blob is gone again.
        Assert.Equal(blobsBefore, await server.BlobNamesAsync(""));
    }
}

/// <summary>A server whose blob folder is replaced by a plain file once it has started.</summary>
public sealed class BrokenBlobsServerFactory : QueueOnlyServerFactory;

public sealed class BrokenDependencyTests(BrokenBlobsServerFactory server) : IClassFixture<BrokenBlobsServerFactory>
{
    [Fact]
    public async Task A_blob_store_that_cannot_be_written_makes_the_server_not_ready_but_still_alive()
    {
        using var client = server.CreateClient();
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        string blobs = Path.Combine(server.DataDirectory, "blobs");
        Directory.Delete(blobs, recursive: true);
        await File.WriteAllTextAsync(blobs, "not a folder");

        using var notReady = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        using var report = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
        var check = report.RootElement.GetProperty("checks").GetProperty("blobs");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.StartsWith("The blob store cannot be written", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
