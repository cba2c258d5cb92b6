using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Admin;

public sealed class AdminAuthorizationTests(ModelAdminServerFactory server) : IClassFixture<ModelAdminServerFactory>
{
    /// <summary>Every route under /api/admin, read from the running server so that a new route cannot be missed.</summary>
    private List<(string Method, string Path)> AdminRoutes()
    {
        var sources = server.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var routes = new List<(string, string)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            string pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!pattern.StartsWith("/api/admin", StringComparison.Ordinal))
            {
                continue;
            }
            string path = pattern
                .Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{versionId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{photoId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{id}", "someone", StringComparison.Ordinal)
                .Replace("{alias}", "production", StringComparison.Ordinal)
                .Replace("{name}", "sample-1", StringComparison.Ordinal);
            foreach (string method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add((method, path));
            }
        }
        return routes;
    }

    [Fact]
    public async Task A_member_gets_403_and_a_stranger_401_on_every_admin_route()
    {
        var routes = AdminRoutes();
        Assert.True(routes.Count >= 20, $"Only {routes.Count} admin routes found.");
        using var member = server.NewClient();
        await member.RegisterAsync();
        using var stranger = server.NewClient();
        foreach (var (method, path) in routes)
        {
            using var asMember = await member.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
            Assert.True(asMember.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered a member {(int)asMember.StatusCode}");
            using var asStranger = await stranger.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
            Assert.True(asStranger.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered a stranger {(int)asStranger.StatusCode}");
        }
    }

    [Fact]
    public async Task An_api_token_acts_as_its_administrator_until_revoked_and_a_member_cannot_make_one()
    {
        using var created = await server.Admin.Http.PostAsJsonAsync("/api/admin/tokens", new CreateTokenRequest("training box"));
        var token = await server.Admin.ExpectAsync<CreatedTokenDto>(created, HttpStatusCode.OK);
        Assert.StartsWith("rw_", token.Token, StringComparison.Ordinal);
        using (var blank = await server.Admin.Http.PostAsJsonAsync("/api/admin/tokens", new CreateTokenRequest(" ")))
        {
            await ApiClient.ProblemAsync(blank, HttpStatusCode.BadRequest);
        }

        using var script = server.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        var models = await script.GetFromJsonAsync<AdminModelVersionDto[]>("/api/admin/models");
        Assert.NotEmpty(models!);
        var listed = (await server.Admin.Http.GetFromJsonAsync<ApiTokenDto[]>("/api/admin/tokens"))!;
        Assert.NotNull(Assert.Single(listed, t => t.Id == token.Id).LastUsedAt);

        using (var revoked = await server.Admin.Http.DeleteAsync(new Uri($"/api/admin/tokens/{token.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }
        using (var refused = await script.GetAsync(new Uri("/api/admin/models", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var member = server.NewClient();
        await member.RegisterAsync();
        using var forbidden = await member.Http.PostAsJsonAsync("/api/admin/tokens", new CreateTokenRequest("mine"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
