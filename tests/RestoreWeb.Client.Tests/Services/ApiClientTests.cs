using System.Net;
using System.Text;
using RestoreWeb.Client.Services;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Services;

public sealed class ApiClientTests
{
    private static AlbumsClient Albums(FakeApi api) => new(new HttpClient(api) { BaseAddress = TestServices.BaseAddress });

    [Fact]
    public async Task A_problem_answer_becomes_an_exception_carrying_the_servers_detail_and_reason()
    {
        var api = new FakeApi().On(HttpMethod.Post, "/api/albums",
            _ => FakeApi.Problem(HttpStatusCode.BadRequest, "An album name can have at most 200 characters.", "TooLong"));

        var error = await Assert.ThrowsAsync<ApiException>(() => Albums(api).CreateAsync(new string('x', 300)));

        Assert.Equal("An album name can have at most 200 characters.", error.Message);
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("TooLong", error.Reason);
    }

    [Fact]
    public async Task An_answer_that_is_not_problem_details_still_gets_a_sentence_for_the_user()
    {
        var api = new FakeApi().On(HttpMethod.Get, "/api/albums", _ => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html><body>Bad gateway</body></html>", Encoding.UTF8, "text/html"),
        });

        var error = await Assert.ThrowsAsync<ApiException>(() => Albums(api).ListAsync());

        Assert.Equal("The server answered 502 (Bad Gateway). Try again in a moment.", error.Message);
    }
}
