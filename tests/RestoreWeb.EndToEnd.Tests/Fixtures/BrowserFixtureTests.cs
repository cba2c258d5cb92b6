using Microsoft.Playwright;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.EndToEnd.Tests.Fixtures;

public sealed class BrowserFixtureTests(RestoreWebServerFixture server, BrowserFixture browser)
    : IClassFixture<RestoreWebServerFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Chromium_loads_the_app_the_WebAssembly_runtime_starts_and_a_screenshot_is_saved()
    {
        var page = await browser.NewPageAsync(server.BaseAddress);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };

        await page.GotoAsync("/");
        await BrowserFixture.WaitForWebAssemblyAsync(page);

        Assert.Equal("WebAssembly", await page.GetAttributeAsync("#wasm-ready", "data-renderer"));
        Assert.Equal("RestoreWeb", await page.TitleAsync());
        Assert.Empty(consoleErrors);

        string screenshot = await BrowserFixture.ScreenshotAsync(page, "home");
        byte[] png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 1000, $"screenshot is only {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_theme_toggle_is_interactive_once_WebAssembly_runs()
    {
        var page = await browser.NewPageAsync(server.BaseAddress, width: 390, height: 844);
        await page.GotoAsync("/");
        await BrowserFixture.WaitForWebAssemblyAsync(page);

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark theme" });
        string before = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        await toggle.ClickAsync();
        await page.WaitForFunctionAsync(
            "before => getComputedStyle(document.body).backgroundColor !== before",
            before);

        await BrowserFixture.ScreenshotAsync(page, "home-dark-phone");
        await page.Context.CloseAsync();
    }
}
