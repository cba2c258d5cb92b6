using System.Net;
using System.Text.RegularExpressions;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Security;

public sealed partial class SecurityHeadersTests(SecurityServerFactory server) : IClassFixture<SecurityServerFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/health/live")]
    [InlineData("/api/albums")]
    [InlineData("/api/no-such-thing")]
    [InlineData("/no-such-page")]
    [InlineData("/favicon.svg")]
    public async Task Every_answer_forbids_sniffing_framing_and_foreign_content(string path)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        string csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", csp.Replace("'wasm-unsafe-eval'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_one_inline_script_carries_the_nonce_of_its_own_response()
    {
        using var client = server.CreateClient();
        using var first = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/", UriKind.Relative));
        string html = await first.Content.ReadAsStringAsync();

        string nonce = NonceInPolicy().Match(Header(first, "Content-Security-Policy")).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.NotEqual(nonce, NonceInPolicy().Match(Header(second, "Content-Security-Policy")).Groups[1].Value);
        var inline = InlineScripts().Matches(html);
        Assert.NotEmpty(inline);
        Assert.All(inline, script => Assert.Contains($"nonce=\"{nonce}\"", script.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_job_dashboard_gets_its_own_policy_and_still_cannot_be_framed()
    {
        using var admin = server.NewClient();
        await admin.RegisterAsync(SecurityServerFactory.AdminEmail);
        using var response = await admin.Http.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage!.RequestUri} answered {(int)response.StatusCode} without {name}.");

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();

    // Script elements without a src attribute, i.e. inline ones.
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScripts();
}
