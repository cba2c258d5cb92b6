using System.Net;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Services;

public sealed class JobPollerTests
{
    [Fact]
    public async Task A_failing_poll_is_reported_once_and_polling_goes_on_until_it_recovers()
    {
        int calls = 0;
        var api = new FakeApi().On(HttpMethod.Get, "/api/jobs", _ => ++calls <= 2
            ? FakeApi.Problem(HttpStatusCode.ServiceUnavailable, "The database is busy. Try again in a moment.")
            : FakeApi.Json(new JobChangesDto(Dtos.T0, [])));
        var clock = new PollingClock();
        var errors = new List<string>();
        int answers = 0;
        await using var poller = new JobPoller(new JobsClient(new HttpClient(api) { BaseAddress = TestServices.BaseAddress }), clock,
            _ => { answers++; return Task.CompletedTask; }, () => true, e => { errors.Add(e.Message); return Task.CompletedTask; });

        poller.Start(Dtos.T0);
        for (int i = 1; i <= 3; i++)
        {
            await clock.AdvanceOnceWaitingAsync(i, JobPoller.DefaultInterval);
        }

        await WaitUntilAsync(() => answers == 1);
        Assert.Equal(3, api.Requests.Count);
        Assert.Equal(["The database is busy. Try again in a moment."], errors);
        Assert.True(poller.IsRunning);
    }

    [Fact]
    public async Task Being_signed_out_ends_polling()
    {
        var api = new FakeApi().On(HttpMethod.Get, "/api/jobs", _ => FakeApi.Problem(HttpStatusCode.Unauthorized, "Sign in to use this."));
        var clock = new PollingClock();
        await using var poller = new JobPoller(new JobsClient(new HttpClient(api) { BaseAddress = TestServices.BaseAddress }), clock,
            _ => Task.CompletedTask, () => true, _ => Task.CompletedTask);

        poller.Start(null);
        await clock.AdvanceOnceWaitingAsync(1, JobPoller.DefaultInterval);

        await WaitUntilAsync(() => !poller.IsRunning);
        Assert.Equal("/api/jobs", Assert.Single(api.Requests).PathAndQuery);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }
}
