using System.Net.Http.Json;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Services;

/// <summary>The account endpoints under /api/account; the server keeps the session in its cookie.</summary>
public sealed class AccountClient(HttpClient http) : ApiClient(http)
{
    public Task<AccountDto> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync<AccountDto>(new HttpRequestMessage(HttpMethod.Post, "api/account/register") { Content = JsonContent.Create(request) }, cancellationToken);

    public Task<AccountDto> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync<AccountDto>(new HttpRequestMessage(HttpMethod.Post, "api/account/login") { Content = JsonContent.Create(request) }, cancellationToken);

    public Task LogoutAsync(CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(new HttpRequestMessage(HttpMethod.Post, "api/account/logout"), cancellationToken);

    /// <summary>The signed-in account, or null when nobody is signed in.</summary>
    public async Task<AccountDto?> MeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadAsync<AccountDto>(new HttpRequestMessage(HttpMethod.Get, "api/account/me"), cancellationToken);
        }
        catch (ApiException e) when (e.IsUnauthorized)
        {
            return null;
        }
    }

    public Task ForgotPasswordAsync(ForgotPasswordRequest request, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(new HttpRequestMessage(HttpMethod.Post, "api/account/forgot-password") { Content = JsonContent.Create(request) }, cancellationToken);

    public Task ResetPasswordAsync(ResetPasswordRequest request, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(new HttpRequestMessage(HttpMethod.Post, "api/account/reset-password") { Content = JsonContent.Create(request) }, cancellationToken);
}
