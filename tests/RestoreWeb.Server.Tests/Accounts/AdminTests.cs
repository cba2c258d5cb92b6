using System.Net;
using System.Net.Http.Json;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Accounts;

/// <summary>A fresh server whose first account is registered before any test, with a configured administrator e-mail.</summary>
public sealed class AdminServerFactory : QueueOnlyServerFactory, IAsyncLifetime
{
    public const string ConfiguredAdmin = "keeper@example.com";

    public ApiClient FirstAccount { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        FirstAccount = NewClient();
        await FirstAccount.RegisterAsync(ApiClient.NewEmail("first"));
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        FirstAccount.Dispose();
        return Task.CompletedTask;
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["RestoreWeb:Accounts:AdminEmail"] = ConfiguredAdmin;
    }
}

public sealed class AdminTests(AdminServerFactory server) : IClassFixture<AdminServerFactory>
{
    [Fact]
    public async Task The_first_account_and_the_configured_email_are_administrators_and_others_members()
    {
        var first = (await server.FirstAccount.Http.GetFromJsonAsync<AccountDto>("/api/account/me"))!;
        Assert.Equal([RoleNames.Admin, RoleNames.Member], first.Roles);
        Assert.True(first.IsAdmin);

        using var member = server.NewClient();
        Assert.Equal([RoleNames.Member], (await member.RegisterAsync()).Roles);

        using var keeper = server.NewClient();
        Assert.Equal([RoleNames.Admin, RoleNames.Member], (await keeper.RegisterAsync(AdminServerFactory.ConfiguredAdmin)).Roles);
    }

    [Fact]
    public async Task The_hangfire_dashboard_is_for_administrators_only()
    {
        using (var admin = await server.FirstAccount.Http.GetAsync(new Uri("/hangfire", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            Assert.Contains("RestoreWeb jobs", await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var member = server.NewClient();
        await member.RegisterAsync();
        using (var forbidden = await member.Http.GetAsync(new Uri("/hangfire", UriKind.Relative)))
        {
            Assert.Equal("This needs an administrator account.", (await ApiClient.ProblemAsync(forbidden, HttpStatusCode.Forbidden)).Detail);
        }
        using (var forbiddenPage = await member.Http.GetAsync(new Uri("/hangfire/jobs/enqueued", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbiddenPage.StatusCode);
        }
        using var anonymous = server.NewClient();
        using var unauthorized = await anonymous.Http.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task Members_see_the_production_model_and_only_administrators_list_every_version()
    {
        using var member = server.NewClient();
        await member.RegisterAsync();
        var production = (await member.Http.GetFromJsonAsync<ModelVersionDto>("/api/models/production"))!;
        Assert.Equal("tiny-random", production.Name);
        Assert.Equal("0.1.0", production.Version);
        Assert.Equal("Validated", production.Status);

        using (var forbidden = await member.Http.GetAsync(new Uri("/api/models", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }
        var all = (await server.FirstAccount.Http.GetFromJsonAsync<ModelVersionDto[]>("/api/models"))!;
        var only = Assert.Single(all);
        Assert.Equal(production.Id, only.Id);
        Assert.Equal(["production"], only.Aliases);
        Assert.Equal(64, only.Sha256.Length);
    }
}
