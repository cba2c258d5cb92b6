using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Health;

public sealed class HealthEndpointTests(QueueOnlyServerFactory server) : IClassFixture<QueueOnlyServerFactory>
{
    private sealed record LiveAnswer(string Status);

    [Fact]
    public async Task Liveness_answers_alive()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<LiveAnswer>();
        Assert.Equal("alive", answer?.Status);
    }

    [Fact]
    public async Task Health_names_the_installed_production_model()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var model = report.RootElement.GetProperty("checks").GetProperty("model");
        Assert.Equal("tiny-random 0.1.0", model.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Unknown_page_answers_not_found()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_api_route_answers_problem_details()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        Assert.Equal("There is nothing at this address. Check the link.", (await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound)).Detail);
    }
}
