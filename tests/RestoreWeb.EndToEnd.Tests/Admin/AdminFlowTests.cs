using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using RestoreWeb.Testing.Services;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.EndToEnd.Tests.Admin;

/// <summary>
/// An administrator in Chromium: upload a package, see it pass the gate, promote it with a comment, see a new job use
/// it, roll back, and find both moves in the audit log. Screenshots of every admin page go to the test artifacts.
/// </summary>
public sealed class AdminFlowTests(AdminServerFixture fixture, BrowserFixture browser)
    : IClassFixture<AdminServerFixture>, IClassFixture<BrowserFixture>, IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("restoreweb-admin-e2e-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    [Fact]
    public async Task Upload_a_package_see_it_validated_promote_it_use_it_and_roll_back()
    {
        string package = AdminServerFixture.WritePackageVersion(Path.Combine(_files, "tiny-5.0.0.zip"), "5.0.0");
        var page = await browser.NewPageAsync(fixture.Server.BaseAddress);
        page.SetDefaultTimeout(60_000);
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                lock (refusals)
                {
                    refusals.Add($"{page.Url}: {message.Text}");
                }
            }
        };

        await page.GotoAsync("/login");
        await BrowserFixture.WaitForWebAssemblyAsync(page);
        await BrowserFixture.Field(page, "email").FillAsync(AdminServerFixture.AdminEmail);
        await BrowserFixture.Field(page, "password").FillAsync(AdminServerFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/albums");

        await page.GotoAsync("/admin/models");
        await BrowserFixture.WaitForWebAssemblyAsync(page);
        await page.Locator("[data-testid=upload-package]").SetInputFilesAsync(package);
        var row = page.Locator("[data-testid=model-row][data-version='5.0.0']");
        await Assertions.Expect(row.Locator("[data-model-status=Validated]")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await BrowserFixture.ScreenshotAsync(page, "admin-1-models-validated");

        await page.Locator("[data-testid='promote-production-5.0.0']").ClickAsync();
        await page.Locator("[data-testid=comment-input]").FillAsync("Better on faded colour prints");
        await BrowserFixture.ScreenshotAsync(page, "admin-2-promote-comment");
        await page.Locator("[data-testid=confirm-button]").ClickAsync();
        await Assertions.Expect(row.GetByText("production", new() { Exact = true }).First).ToBeVisibleAsync();

        // A job created now is pinned to the promoted version.
        Assert.Equal("5.0.0", await RestoreOnePhotoAsync());

        await page.Locator("[data-testid=rollback-production]").ClickAsync();
        await page.Locator("[data-testid=comment-input]").FillAsync("Skin tones too warm on the club's scans");
        await page.Locator("[data-testid=confirm-button]").ClickAsync();
        var original = page.Locator("[data-testid=model-row][data-version='0.1.0']");
        await Assertions.Expect(original.GetByText("production", new() { Exact = true }).First).ToBeVisibleAsync();
        Assert.Equal("0.1.0", await RestoreOnePhotoAsync());

        await page.GotoAsync("/admin/audit");
        await Assertions.Expect(page.GetByText("Skin tones too warm on the club's scans")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Better on faded colour prints")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "admin-3-audit");

        await page.GotoAsync("/admin/compare");
        await Assertions.Expect(page.Locator("img").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await BrowserFixture.ScreenshotAsync(page, "admin-4-compare");

        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.GetByText(AdminServerFixture.AdminEmail).First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "admin-5-users");

        await page.GotoAsync("/admin/queue");
        await Assertions.Expect(page.Locator("[data-testid=hangfire-dashboard]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "admin-6-queue");

        // The Hangfire dashboard runs under its own, looser policy (inline scripts) and must work with it.
        await page.GotoAsync("/hangfire");
        await Assertions.Expect(page.GetByText("RestoreWeb jobs").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Context.CloseAsync();
        Assert.Empty(refusals);
    }

    /// <summary>Uploads a photo through the API and returns the model version its finished job used.</summary>
    private async Task<string> RestoreOnePhotoAsync()
    {
        var http = fixture.Admin;
        using var album = await http.PostAsJsonAsync("/api/albums", new { name = $"Check {Guid.NewGuid():N}" });
        string albumId = JsonNode.Parse(await album.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(DistinctPng());
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "files", "check.png");
        // A multipart upload needs the session's antiforgery token in a header, as the web app sends it.
        var token = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/antiforgery", UriKind.Relative)))!;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/albums/{albumId}/photos", UriKind.Relative)) { Content = form };
        request.Headers.Add(token["headerName"]!.GetValue<string>(), token["token"]!.GetValue<string>());
        using var uploaded = await http.SendAsync(request);
        uploaded.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await uploaded.Content.ReadAsStringAsync())!;
        string jobId = body["files"]![0]!["photo"]!["latestJob"]!["id"]!.GetValue<string>();
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromMinutes(2); waited += TimeSpan.FromMilliseconds(250))
        {
            var job = JsonNode.Parse(await http.GetStringAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative)))!;
            if (job["state"]!.GetValue<string>() == "Succeeded")
            {
                return job["modelVersion"]!.GetValue<string>();
            }
            Assert.NotEqual("Failed", job["state"]!.GetValue<string>());
            await Task.Delay(250);
        }
        throw new TimeoutException($"Job {jobId} did not finish in two minutes.");
    }

    /// <summary>A small noisy PNG, different every call: the same bytes again would be recognised as the same photo.</summary>
    private static byte[] DistinctPng()
    {
        using var image = new Image<Rgb24>(48, 32);
        var random = new Random();
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                foreach (ref var pixel in rows.GetRowSpan(y))
                {
                    pixel = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                }
            }
        });
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }
}
