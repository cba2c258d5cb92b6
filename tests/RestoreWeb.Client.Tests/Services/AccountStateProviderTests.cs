using System.Net;
using System.Security.Claims;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Services;

public sealed class AccountStateProviderTests
{
    private static AccountStateProvider Provider(FakeApi api) =>
        new(new AccountClient(new HttpClient(api) { BaseAddress = TestServices.BaseAddress }));

    [Fact]
    public async Task The_signed_in_account_comes_from_the_me_endpoint_with_its_roles()
    {
        var api = new FakeApi().OnGet("/api/account/me", new AccountDto("u1", "ada@example.com", [RoleNames.Admin, RoleNames.Member]));
        var provider = Provider(api);

        var user = (await provider.GetAuthenticationStateAsync()).User;

        Assert.True(user.Identity?.IsAuthenticated);
        Assert.Equal("ada@example.com", user.Identity?.Name);
        Assert.Equal("u1", user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.True(user.IsInRole(RoleNames.Admin));
        // Asked once, then remembered.
        await provider.GetAuthenticationStateAsync();
        Assert.Single(api.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Nobody_is_signed_in_when_the_server_says_so_or_cannot_answer(HttpStatusCode status)
    {
        var api = new FakeApi().On(HttpMethod.Get, "/api/account/me", _ => FakeApi.Problem(status, "Sign in to use this."));

        var user = (await Provider(api).GetAuthenticationStateAsync()).User;

        Assert.False(user.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task While_prerendering_the_hosts_user_is_used_without_any_request()
    {
        var api = new FakeApi();
        var provider = Provider(api);
        var host = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bo@example.com")], "Identity.Application"));

        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(host)));

        Assert.Equal("bo@example.com", (await provider.GetAuthenticationStateAsync()).User.Identity?.Name);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task In_the_browser_the_user_prerendered_by_the_server_is_taken_over_without_a_request()
    {
        var api = new FakeApi();
        await using var ctx = MudTestContext.Create(api: api);
        ctx.Services.GetRequiredService<BunitPersistentComponentState>()
            .Persist(AccountStateProvider.SnapshotKey, new Snapshot(new AccountDto("u3", "di@example.com", [RoleNames.Member])));

        var user = (await ctx.Services.GetRequiredService<AccountStateProvider>().GetAuthenticationStateAsync()).User;

        Assert.Equal("di@example.com", user.Identity?.Name);
        Assert.True(user.IsInRole(RoleNames.Member));
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_visitor_prerendered_as_signed_out_stays_signed_out_without_a_request()
    {
        var api = new FakeApi();
        await using var ctx = MudTestContext.Create(api: api);
        ctx.Services.GetRequiredService<BunitPersistentComponentState>().Persist(AccountStateProvider.SnapshotKey, new Snapshot(null));

        var user = (await ctx.Services.GetRequiredService<AccountStateProvider>().GetAuthenticationStateAsync()).User;

        Assert.False(user.Identity?.IsAuthenticated);
        // A request here would be a 401, which browsers log as an error on every signed-out page.
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Prerendering_persists_the_hosts_user_for_the_browser()
    {
        await using var ctx = MudTestContext.Create();
        var state = ctx.Services.GetRequiredService<BunitPersistentComponentState>();
        var provider = ctx.Services.GetRequiredService<AccountStateProvider>();
        var host = new ClaimsPrincipal(new ClaimsIdentity(
            [new(ClaimTypes.NameIdentifier, "u4"), new(ClaimTypes.Name, "ed@example.com"), new(ClaimTypes.Email, "ed@example.com"),
             new(ClaimTypes.Role, RoleNames.Member), new(ClaimTypes.Role, RoleNames.Admin)],
            "Identity.Application"));

        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(host)));
        state.TriggerOnPersisting();

        Assert.True(state.TryTake<Snapshot>(AccountStateProvider.SnapshotKey, out var snapshot));
        Assert.Equal("u4", snapshot!.Account?.Id);
        Assert.Equal("ed@example.com", snapshot.Account?.Email);
        Assert.Equal([RoleNames.Admin, RoleNames.Member], snapshot.Account?.Roles);
    }

    [Fact]
    public async Task Signing_in_and_out_notifies_the_views()
    {
        var provider = Provider(new FakeApi());
        var seen = new List<string?>();
        provider.AuthenticationStateChanged += async state => seen.Add((await state).User.Identity?.Name);

        provider.SignedIn(new AccountDto("u2", "cy@example.com", [RoleNames.Member]));
        provider.SignedOut();
        await Task.Yield();

        Assert.Equal(["cy@example.com", null], seen);
        Assert.False((await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    /// <summary>The shape the provider persists.</summary>
    private sealed record Snapshot(AccountDto? Account);
}
