using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Admin;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Security;

public sealed class AntiforgeryTests(SecurityServerFactory server) : IClassFixture<SecurityServerFactory>
{
    [Fact]
    public async Task An_upload_without_the_token_is_refused_before_anything_is_stored_and_with_it_succeeds()
    {
        using var client = server.NewClient();
        await client.RegisterAsync();
        var album = await client.CreateAlbumAsync();
        client.DropAntiforgeryToken();
        int photos = await server.PhotoCountAsync();

        using (var refused = await client.UploadRawAsync(album.Id, [("forged.jpg", TestImages.Jpeg(40, 40, seed: 400))]))
        {
            var problem = await ApiClient.ProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal("Antiforgery", problem.Extensions["reason"]?.ToString());
            Assert.Contains("no antiforgery token", problem.Detail, StringComparison.Ordinal);
        }
        Assert.Equal(photos, await server.PhotoCountAsync());
        // JSON endpoints need no token: SameSite=Lax and the JSON content type already keep other sites out.
        Assert.Equal("Renamed", (await client.CreateAlbumAsync("Renamed")).Name);

        await client.UseAntiforgeryTokenAsync();
        var photo = await client.UploadPhotoAsync(album.Id, "genuine.jpg", TestImages.Jpeg(40, 40, seed: 401));
        Assert.Equal(photos + 1, await server.PhotoCountAsync());

        // The mask upload is guarded the same way.
        client.DropAntiforgeryToken();
        using (var mask = await PutMaskAsync(client, photo))
        {
            Assert.Equal("Antiforgery", (await ApiClient.ProblemAsync(mask, HttpStatusCode.BadRequest)).Extensions["reason"]?.ToString());
        }
        await client.UseAntiforgeryTokenAsync();
        using (var mask = await PutMaskAsync(client, photo))
        {
            Assert.Equal(HttpStatusCode.Accepted, mask.StatusCode);
        }
    }

    [Fact]
    public async Task A_token_from_before_signing_in_or_from_another_session_is_refused()
    {
        using var client = server.NewClient();
        string anonymousToken = await client.UseAntiforgeryTokenAsync();
        using var response = await client.Http.PostAsJsonAsync("/api/account/register", new RegisterRequest(ApiClient.NewEmail(), ApiClient.Password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var album = await client.CreateAlbumAsync();

        using (var stale = await client.UploadRawAsync(album.Id, [("stale.jpg", TestImages.Jpeg(40, 40, seed: 402))]))
        {
            Assert.Contains("not valid for this session", (await ApiClient.ProblemAsync(stale, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }

        using var other = server.NewClient();
        await other.RegisterAsync();
        string othersToken = await other.UseAntiforgeryTokenAsync();
        client.Http.DefaultRequestHeaders.Remove(ApiClient.AntiforgeryHeader);
        client.Http.DefaultRequestHeaders.Add(ApiClient.AntiforgeryHeader, othersToken);
        using (var borrowed = await client.UploadRawAsync(album.Id, [("borrowed.jpg", TestImages.Jpeg(40, 40, seed: 403))]))
        {
            await ApiClient.ProblemAsync(borrowed, HttpStatusCode.BadRequest);
        }
        Assert.NotEqual(anonymousToken, othersToken);
    }

    [Fact]
    public async Task A_model_package_needs_the_token_from_a_browser_session_but_not_from_an_api_token()
    {
        using var admin = server.NewClient();
        var account = await admin.RegisterAsync(SecurityServerFactory.AdminEmail);
        Assert.Contains(RoleNames.Admin, account.Roles);
        admin.DropAntiforgeryToken();
        using (var refused = await admin.Http.PostAsync(new Uri("/api/admin/models", UriKind.Relative), PackageForm(TestPackages.Version("7.0.0"))))
        {
            Assert.Equal("Antiforgery", (await ApiClient.ProblemAsync(refused, HttpStatusCode.BadRequest)).Extensions["reason"]?.ToString());
        }

        using var created = await admin.Http.PostAsJsonAsync("/api/admin/tokens", new CreateTokenRequest("training box"));
        var token = await admin.ExpectAsync<CreatedTokenDto>(created, HttpStatusCode.OK);
        using var script = server.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var registered = await script.PostAsync(new Uri("/api/admin/models", UriKind.Relative), PackageForm(TestPackages.Version("7.0.0")));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
    }

    private static MultipartFormDataContent PackageForm(byte[] package)
    {
        var part = new ByteArrayContent(package);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return new MultipartFormDataContent { { part, "package", "model.zip" } };
    }

    private static async Task<HttpResponseMessage> PutMaskAsync(ApiClient client, PhotoDto photo)
    {
        var png = new ByteArrayContent(TestImages.Png(photo.Width, photo.Height, seed: 404));
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return await client.Http.PutAsync(new Uri($"/api/photos/{photo.Id}/mask", UriKind.Relative), png);
    }
}
