using System.Net;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.EndToEnd.Tests.Fixtures;

public sealed class ServerFixtureTests(RestoreWebServerFixture server) : IClassFixture<RestoreWebServerFixture>
{
    [Fact]
    public async Task Root_serves_the_prerendered_Blazor_app_on_real_Kestrel()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Kestrel", response.Headers.Server.ToString());
        Assert.Contains("<title>RestoreWeb</title>", html, StringComparison.Ordinal);
        Assert.Contains("Bring old family photos back to life", html, StringComparison.Ordinal);
        Assert.Matches("_framework/blazor\\.web(\\.[a-z0-9]+)?\\.js", html);
        Assert.Contains("\"type\":\"webassembly\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_WebAssembly_runtime_files_are_served()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_server_announces_its_address()
    {
        Assert.Contains($"RestoreWeb is ready: open http://127.0.0.1:{server.Port}", server.Output, StringComparison.Ordinal);
    }
}
