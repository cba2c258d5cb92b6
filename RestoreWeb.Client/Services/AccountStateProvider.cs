using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Services;

/// <summary>
/// Who is signed in, for AuthorizeView and [Authorize]. While prerendering on the server, the host hands over the
/// request's own user through <see cref="IHostEnvironmentAuthenticationStateProvider"/>, and this passes it on to the
/// browser in the page's persisted state; the browser starts from that. Only without it (the session cookie is
/// HTTP-only, so the client cannot read it) does the browser ask the server's "me" endpoint.
/// </summary>
public sealed class AccountStateProvider : AuthenticationStateProvider, IHostEnvironmentAuthenticationStateProvider, IDisposable
{
    public const string AuthenticationType = "RestoreWeb";

    /// <summary>Where the prerendered user travels to the browser in the page's persisted state.</summary>
    public const string SnapshotKey = "RestoreWeb.Account";

    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly AccountClient _account;
    private readonly PersistentComponentState? _persistedState;
    private PersistingComponentStateSubscription? _persisting;
    private Task<AuthenticationState>? _state;

    /// <param name="persistedState">The page's persisted component state; absent where no renderer provides one.</param>
    public AccountStateProvider(AccountClient account, PersistentComponentState? persistedState = null)
    {
        _account = account ?? throw new ArgumentNullException(nameof(account));
        _persistedState = persistedState;
    }

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => _state ??= FromPrerendering() ?? LoadAsync();

    /// <summary>Called by the server's renderer with the request's user before it prerenders.</summary>
    public void SetAuthenticationState(Task<AuthenticationState> authenticationStateTask)
    {
        ArgumentNullException.ThrowIfNull(authenticationStateTask);
        _persisting ??= _persistedState?.RegisterOnPersisting(PersistAsync, RenderMode.InteractiveWebAssembly);
        Change(authenticationStateTask);
    }

    /// <summary>After sign-in or registration, which answer with the account: no second round trip.</summary>
    public void SignedIn(AccountDto signedIn) => Change(Task.FromResult(StateFor(signedIn)));

    public void SignedOut() => Change(Task.FromResult(Anonymous));

    public static AuthenticationState StateFor(AccountDto signedIn)
    {
        ArgumentNullException.ThrowIfNull(signedIn);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, signedIn.Id),
            new(ClaimTypes.Name, signedIn.Email),
            new(ClaimTypes.Email, signedIn.Email),
            .. signedIn.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
        ];
        return new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType)));
    }

    private void Change(Task<AuthenticationState> state)
    {
        _state = state;
        NotifyAuthenticationStateChanged(state);
    }

    private Task<AuthenticationState>? FromPrerendering() =>
        _persistedState is not null && _persistedState.TryTakeFromJson<AccountSnapshot>(SnapshotKey, out var snapshot) && snapshot is not null
            ? Task.FromResult(snapshot.Account is { } account ? StateFor(account) : Anonymous)
            : null;

    private async Task PersistAsync()
    {
        var user = (await GetAuthenticationStateAsync()).User;
        var account = user.Identity?.IsAuthenticated == true && user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } id
            ? new AccountDto(id, user.FindFirst(ClaimTypes.Email)?.Value ?? user.Identity.Name ?? string.Empty,
                [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)])
            : null;
        _persistedState!.PersistAsJson(SnapshotKey, new AccountSnapshot(account));
    }

    private async Task<AuthenticationState> LoadAsync()
    {
        try
        {
            return await _account.MeAsync() is { } me ? StateFor(me) : Anonymous;
        }
        catch (ApiException)
        {
            // The server is unreachable or failing: show the signed-out view, whose pages say what to do.
            return Anonymous;
        }
    }

    public void Dispose() => _persisting?.Dispose();

    /// <param name="Account">Null when nobody was signed in.</param>
    private sealed record AccountSnapshot(AccountDto? Account);
}
