using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Security;

/// <summary>Another user's album, photo, job, result, mask or download answers 404 on every route, exactly like one that does not exist.</summary>
public sealed class OwnershipTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task Every_route_answers_not_found_for_another_users_things_and_changes_nothing()
    {
        using var owner = server.NewClient();
        await owner.RegisterAsync();
        var album = await owner.CreateAlbumAsync("Private");
        var photo = await owner.UploadPhotoAsync(album.Id, "private.jpg", TestImages.Jpeg(48, 48, seed: 60), "?repairScratches=true");
        var job = await owner.WaitUntilFinishedAsync(photo.LatestJob!.Id);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.NotNull(job.MaskUrl);

        using var intruder = server.NewClient();
        await intruder.RegisterAsync();
        foreach (var request in Requests(album.Id, photo.Id, job.Id))
        {
            using var response = await intruder.Http.SendAsync(request);
            var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
            Assert.Contains("does not exist or is not yours", problem.Detail, StringComparison.Ordinal);
        }
        Assert.Empty((await intruder.Http.GetFromJsonAsync<AlbumDto[]>("/api/albums"))!);
        Assert.Empty((await intruder.Http.GetFromJsonAsync<JobChangesDto>("/api/jobs"))!.Jobs);

        // The owner's things are untouched and still theirs.
        Assert.Equal("Private", (await owner.Http.GetFromJsonAsync<AlbumDto>($"/api/albums/{album.Id}"))!.Name);
        Assert.Single((await owner.Http.GetFromJsonAsync<PhotoDto[]>($"/api/albums/{album.Id}/photos"))!);
        var unchanged = await owner.GetJobAsync(job.Id);
        Assert.Equal(JobState.Succeeded, unchanged.State);
        Assert.Single((await owner.Http.GetFromJsonAsync<JobDto[]>($"/api/photos/{photo.Id}/jobs"))!);
    }

    /// <summary>
    /// Every non-admin API route with an album, photo or job id, read from the running server so that a new route
    /// is probed without anyone remembering to add it here.
    /// </summary>
    [Fact]
    public async Task Every_route_with_an_id_enumerated_from_the_server_answers_not_found_to_another_user()
    {
        using var owner = server.NewClient();
        await owner.RegisterAsync();
        var album = await owner.CreateAlbumAsync("Enumerated");
        var photo = await owner.UploadPhotoAsync(album.Id, "enumerated.jpg", TestImages.Jpeg(48, 48, seed: 63), "?repairScratches=true");
        var job = await owner.WaitUntilFinishedAsync(photo.LatestJob!.Id);
        Assert.Equal(JobState.Succeeded, job.State);
        using var intruder = server.NewClient();
        await intruder.RegisterAsync();

        var routes = OwnedRoutes();
        Assert.True(routes.Count >= 19, $"Only {routes.Count} routes with ids found: {string.Join(", ", routes)}");
        foreach (var (method, pattern) in routes)
        {
            string path = pattern
                .Replace("{albumId:guid}", album.Id.ToString(), StringComparison.Ordinal)
                .Replace("{photoId:guid}", photo.Id.ToString(), StringComparison.Ordinal)
                .Replace("{jobId:guid}", job.Id.ToString(), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = BodyFor(method, pattern) };
            using var response = await intruder.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {pattern} answered another user {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
            Assert.Contains("does not exist or is not yours", problem.Detail, StringComparison.Ordinal);
        }

        // Nothing of the owner's changed: the album, its photo and the job are all still there.
        Assert.Equal("Enumerated", (await owner.Http.GetFromJsonAsync<AlbumDto>($"/api/albums/{album.Id}"))!.Name);
        Assert.Equal(JobState.Succeeded, (await owner.GetJobAsync(job.Id)).State);
        Assert.Single((await owner.Http.GetFromJsonAsync<JobDto[]>($"/api/photos/{photo.Id}/jobs"))!);
    }

    /// <summary>Non-admin API routes by method; fails on a route whose parameter this test would not know how to fill.</summary>
    private List<(string Method, string Pattern)> OwnedRoutes()
    {
        string[] ownedIds = ["{albumId:guid}", "{photoId:guid}", "{jobId:guid}"];
        var routes = new List<(string, string)>();
        var unknown = new List<string>();
        foreach (var endpoint in server.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            string pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal) || pattern.StartsWith("/api/admin", StringComparison.Ordinal) || !pattern.Contains('{', StringComparison.Ordinal))
            {
                continue;
            }
            if (!ownedIds.Any(id => pattern.Contains(id, StringComparison.Ordinal)))
            {
                unknown.Add(pattern);
                continue;
            }
            foreach (string method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add((method, pattern.TrimEnd('/')));
            }
        }
        Assert.True(unknown.Count == 0, $"Routes with parameters this probe does not fill: {string.Join(", ", unknown)}");
        return routes;
    }

    /// <summary>A body the owner's request would carry, so that only ownership can be the reason for a refusal.</summary>
    private static HttpContent? BodyFor(string method, string pattern)
    {
        if (method is "GET" or "DELETE")
        {
            return null;
        }
        if (pattern.EndsWith("/photos", StringComparison.Ordinal))
        {
            return new MultipartFormDataContent { { new ByteArrayContent(TestImages.Jpeg(32, 32, seed: 64)), "files", "planted.jpg" } };
        }
        if (pattern.EndsWith("/mask", StringComparison.Ordinal))
        {
            var mask = new ByteArrayContent(TestImages.Png(48, 48, seed: 65));
            mask.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            return mask;
        }
        if (pattern.EndsWith("/jobs", StringComparison.Ordinal))
        {
            return JsonContent.Create(new StartJobRequest(RepairScratches: true));
        }
        return method == "PUT" ? JsonContent.Create(new RenameAlbumRequest("Mine now")) : JsonContent.Create(new { });
    }

    [Fact]
    public async Task Every_route_asks_an_anonymous_caller_to_sign_in()
    {
        using var anonymous = server.NewClient();
        foreach (var request in Requests(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()))
        {
            using var response = await anonymous.Http.SendAsync(request);
            Assert.Equal("Sign in to use this.", (await ApiClient.ProblemAsync(response, HttpStatusCode.Unauthorized)).Detail);
        }
    }

    /// <summary>Every album, photo and job route, with a body each would accept from its owner.</summary>
    private static IEnumerable<HttpRequestMessage> Requests(Guid albumId, Guid photoId, Guid jobId)
    {
        HttpRequestMessage Send(HttpMethod method, string url, HttpContent? content = null) =>
            new(method, new Uri(url, UriKind.Relative)) { Content = content };

        yield return Send(HttpMethod.Get, $"/api/albums/{albumId}");
        yield return Send(HttpMethod.Put, $"/api/albums/{albumId}", JsonContent.Create(new RenameAlbumRequest("Mine now")));
        yield return Send(HttpMethod.Delete, $"/api/albums/{albumId}");
        yield return Send(HttpMethod.Get, $"/api/albums/{albumId}/photos");
        var upload = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Jpeg(32, 32, seed: 61)), "files", "planted.jpg" } };
        yield return Send(HttpMethod.Post, $"/api/albums/{albumId}/photos", upload);
        yield return Send(HttpMethod.Get, $"/api/albums/{albumId}/download?includeOriginals=true");
        yield return Send(HttpMethod.Get, $"/api/photos/{photoId}");
        yield return Send(HttpMethod.Delete, $"/api/photos/{photoId}");
        yield return Send(HttpMethod.Get, $"/api/photos/{photoId}/original");
        yield return Send(HttpMethod.Get, $"/api/photos/{photoId}/thumbnail");
        yield return Send(HttpMethod.Get, $"/api/photos/{photoId}/result");
        yield return Send(HttpMethod.Get, $"/api/photos/{photoId}/jobs");
        yield return Send(HttpMethod.Post, $"/api/photos/{photoId}/jobs", JsonContent.Create(new StartJobRequest(RepairScratches: true)));
        var mask = new ByteArrayContent(TestImages.Png(48, 48, seed: 62));
        mask.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        yield return Send(HttpMethod.Put, $"/api/photos/{photoId}/mask", mask);
        yield return Send(HttpMethod.Get, $"/api/jobs/{jobId}");
        yield return Send(HttpMethod.Post, $"/api/jobs/{jobId}/cancel");
        yield return Send(HttpMethod.Post, $"/api/jobs/{jobId}/retry");
        yield return Send(HttpMethod.Get, $"/api/jobs/{jobId}/result");
        yield return Send(HttpMethod.Get, $"/api/jobs/{jobId}/mask");
    }
}
