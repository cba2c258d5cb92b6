using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RestoreWeb.Server.Tests.Health;

public sealed class HealthEndpointTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private sealed record LiveAnswer(string Status);

    [Fact]
    public async Task Liveness_answers_alive()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<LiveAnswer>();
        Assert.Equal("alive", answer?.Status);
    }

    [Fact]
    public async Task Unknown_page_answers_not_found()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
