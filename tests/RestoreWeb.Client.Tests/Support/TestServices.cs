using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client.Tests.Support;

internal static class TestServices
{
    public static readonly Uri BaseAddress = new("http://localhost/");

    /// <summary>The client's typed API clients over <paramref name="api"/>, and the clock the pages poll with.</summary>
    public static void AddApi(this BunitContext ctx, FakeApi api, TimeProvider clock)
    {
        ctx.Services.AddScoped(_ => new HttpClient(api, disposeHandler: false) { BaseAddress = BaseAddress });
        ctx.Services.AddSingleton(clock);
        ctx.Services.AddScoped<AccountClient>();
        ctx.Services.AddScoped<AlbumsClient>();
        ctx.Services.AddScoped<PhotosClient>();
        ctx.Services.AddScoped<JobsClient>();
        ctx.Services.AddScoped<AccountStateProvider>();
    }
}
