using System.Net;
using System.Net.Http.Json;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Security;

/// <summary>Three sign-in requests and two uploads per 4-second window; nothing waits in a queue.</summary>
public sealed class RateLimitServerFactory : QueueOnlyServerFactory
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        ArgumentNullException.ThrowIfNull(settings);
        settings["RestoreWeb:Security:SignIn:PermitLimit"] = "3";
        settings["RestoreWeb:Security:SignIn:Window"] = "00:00:04";
        settings["RestoreWeb:Security:Uploads:PermitLimit"] = "2";
        settings["RestoreWeb:Security:Uploads:Window"] = "00:00:04";
        settings["RestoreWeb:Security:Uploads:QueueLimit"] = "0";
    }
}

// One class, so its tests run one after the other: the in-process clients all share one (missing) address.
public sealed class RateLimitTests(RateLimitServerFactory server) : IClassFixture<RateLimitServerFactory>
{
    [Fact]
    public async Task Sign_in_attempts_past_the_limit_get_429_with_retry_after_until_the_window_ends()
    {
        using var client = server.NewClient();
        var attempt = new LoginRequest(ApiClient.NewEmail("nobody"), "not the password");
        var refused = await FirstRefusedAsync(10, HttpStatusCode.Unauthorized, _ => client.Http.PostAsJsonAsync("/api/account/login", attempt));
        using (refused)
        {
            var problem = await ApiClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.StartsWith("Too many sign-in attempts from your network. Wait ", problem.Detail, StringComparison.Ordinal);
            int retryAfter = (int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
            Assert.InRange(retryAfter, 1, 4);
            Assert.Contains($"Wait {retryAfter} second(s)", problem.Detail, StringComparison.Ordinal);

            // Registration and password resets share the limit: the same address is refused there too.
            using var register = await client.Http.PostAsJsonAsync("/api/account/register", new RegisterRequest(ApiClient.NewEmail(), ApiClient.Password));
            Assert.Equal(HttpStatusCode.TooManyRequests, register.StatusCode);
            using var forgot = await client.Http.PostAsJsonAsync("/api/account/forgot-password", new ForgotPasswordRequest(ApiClient.NewEmail()));
            Assert.Equal(HttpStatusCode.TooManyRequests, forgot.StatusCode);

            await Task.Delay(TimeSpan.FromSeconds(retryAfter + 0.5));
        }

        using var again = await client.Http.PostAsJsonAsync("/api/account/login", attempt);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task Uploads_past_the_limit_get_429_per_account_and_are_accepted_again_after_the_window()
    {
        await Task.Delay(TimeSpan.FromSeconds(4.5)); // a fresh sign-in window for the two registrations below
        using var busy = server.NewClient();
        await busy.RegisterAsync();
        using var other = server.NewClient();
        await other.RegisterAsync();
        var album = await busy.CreateAlbumAsync();
        var otherAlbum = await other.CreateAlbumAsync();

        var refused = await FirstRefusedAsync(6, HttpStatusCode.OK, i => busy.UploadRawAsync(album.Id, [($"p{i}.jpg", TestImages.Jpeg(32, 32, seed: 300 + i))]));
        int retryAfter;
        using (refused)
        {
            var problem = await ApiClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.Contains("Photos are arriving faster than this server accepts them from one account", problem.Detail, StringComparison.Ordinal);
            retryAfter = (int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
            Assert.InRange(retryAfter, 1, 4);
        }

        // Another account has its own allowance.
        await other.UploadPhotoAsync(otherAlbum.Id, "theirs.jpg", TestImages.Jpeg(32, 32, seed: 310));

        await Task.Delay(TimeSpan.FromSeconds(retryAfter + 0.5));
        await busy.UploadPhotoAsync(album.Id, "later.jpg", TestImages.Jpeg(32, 32, seed: 311));
    }

    /// <summary>Sends up to <paramref name="attempts"/> requests; each is answered as allowed until one gets 429.</summary>
    private static async Task<HttpResponseMessage> FirstRefusedAsync(int attempts, HttpStatusCode allowed, Func<int, Task<HttpResponseMessage>> send)
    {
        for (int i = 0; i < attempts; i++)
        {
            var response = await send(i);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return response;
            }
            Assert.Equal(allowed, response.StatusCode);
            response.Dispose();
        }
        Assert.Fail($"No request of {attempts} was refused with 429.");
        return null!;
    }
}
