using System.Net;
using System.Net.Http.Json;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Admin;

public sealed class UserAdministrationTests(ModelAdminServerFactory server) : IClassFixture<ModelAdminServerFactory>
{
    private static Task<HttpResponseMessage> PatchAsync(ApiClient client, string id, UpdateUserRequest request) =>
        client.Http.PatchAsJsonAsync($"/api/admin/users/{id}", request);

    [Fact]
    public async Task An_upload_quota_refuses_a_file_that_does_not_fit_and_keeps_what_is_stored()
    {
        using var member = server.NewClient();
        var account = await member.RegisterAsync();
        var album = await member.CreateAlbumAsync();
        var first = await member.UploadPhotoAsync(album.Id, "first.png", TestImages.Png(64, 48, seed: 100));

        var users = (await server.Admin.Http.GetFromJsonAsync<AdminUserDto[]>("/api/admin/users"))!;
        var listed = Assert.Single(users, u => u.Id == account.Id);
        Assert.Equal((1, first.SizeBytes, false), (listed.PhotoCount, listed.UsedBytes, listed.Disabled));
        Assert.Null(listed.UploadQuotaBytes);

        using (var limited = await PatchAsync(server.Admin, account.Id, new UpdateUserRequest(UploadQuotaBytes: first.SizeBytes + 10)))
        {
            Assert.Equal(first.SizeBytes + 10, (await server.Admin.ExpectAsync<AdminUserDto>(limited, HttpStatusCode.OK)).EffectiveQuotaBytes);
        }
        using var refused = await member.UploadRawAsync(album.Id, [("second.png", TestImages.Png(64, 48, seed: 101))]);
        string body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("QuotaExceeded", body, StringComparison.Ordinal);
        Assert.Contains("does not fit", body, StringComparison.Ordinal);
        Assert.Single((await member.Http.GetFromJsonAsync<PhotoDto[]>($"/api/albums/{album.Id}/photos"))!);

        using (var cleared = await PatchAsync(server.Admin, account.Id, new UpdateUserRequest(ClearUploadQuota: true)))
        {
            Assert.Null((await server.Admin.ExpectAsync<AdminUserDto>(cleared, HttpStatusCode.OK)).UploadQuotaBytes);
        }
        await member.UploadPhotoAsync(album.Id, "second.png", TestImages.Png(64, 48, seed: 101));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_an_admin_can_grant_the_role_and_nobody_can_lock_themselves_out()
    {
        using var member = server.NewClient();
        string email = ApiClient.NewEmail("disabled");
        var account = await member.RegisterAsync(email);

        using (var disabled = await PatchAsync(server.Admin, account.Id, new UpdateUserRequest(Disabled: true)))
        {
            Assert.True((await server.Admin.ExpectAsync<AdminUserDto>(disabled, HttpStatusCode.OK)).Disabled);
        }
        using var again = server.NewClient();
        using (var login = await again.Http.PostAsJsonAsync("/api/account/login", new LoginRequest(email, ApiClient.Password)))
        {
            Assert.Contains("disabled", (await ApiClient.ProblemAsync(login, HttpStatusCode.Forbidden)).Detail, StringComparison.Ordinal);
        }
        using (var wrongPassword = await again.Http.PostAsJsonAsync("/api/account/login", new LoginRequest(email, "not the password")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        }
        using (var enabled = await PatchAsync(server.Admin, account.Id, new UpdateUserRequest(Disabled: false, IsAdmin: true)))
        {
            Assert.Equal([RoleNames.Admin, RoleNames.Member], (await server.Admin.ExpectAsync<AdminUserDto>(enabled, HttpStatusCode.OK)).Roles);
        }
        using (var login = await again.Http.PostAsJsonAsync("/api/account/login", new LoginRequest(email, ApiClient.Password)))
        {
            Assert.True((await ApiClient.ReadAsync<AccountDto>(login, HttpStatusCode.OK)).IsAdmin);
        }

        var me = (await server.Admin.Http.GetFromJsonAsync<AccountDto>("/api/account/me"))!;
        using (var self = await PatchAsync(server.Admin, me.Id, new UpdateUserRequest(IsAdmin: false)))
        {
            await ApiClient.ProblemAsync(self, HttpStatusCode.BadRequest);
        }
        using var unknown = await PatchAsync(server.Admin, "no-such-user", new UpdateUserRequest(Disabled: true));
        await ApiClient.ProblemAsync(unknown, HttpStatusCode.NotFound);
    }
}
