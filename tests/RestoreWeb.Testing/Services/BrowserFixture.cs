using Microsoft.Playwright;

namespace RestoreWeb.Testing.Services;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download). Playwright gives every launch a fresh
/// profile directory; the flags keep Chromium from reaching for Google's services on a closed network.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser fixture has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new MissingPrerequisiteException(
                $"Chromium ({ChromiumPath})",
                "Run the README's test command (./test.sh), which installs it with 'apt-get install chromium'.");
        }
        // Playwright's 5 s default for expectations is shorter than a freshly loaded page's first API call can take on a
        // busy two-core CI machine (the audit log once took longer), so expectations get the margin page actions have.
        Assertions.SetDefaultExpectTimeout(60_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumFlags,
        });
    }

    /// <summary>A new, isolated browser context (own cookies) with one page.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    /// <summary>A MudTextField's input by its data-field attribute (MudBlazor may put the attribute on the input or its wrapper).</summary>
    public static ILocator Field(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator($"input[data-field={name}], [data-field={name}] input").First;
    }

    /// <summary>Waits until Blazor's WebAssembly runtime has taken over the prerendered page.</summary>
    public static async Task WaitForWebAssemblyAsync(IPage page, float timeoutMs = 90_000)
    {
        await page.WaitForSelectorAsync("#wasm-ready", new PageWaitForSelectorOptions
        {
            State = WaitForSelectorState.Attached,
            Timeout = timeoutMs,
        });
    }

    /// <summary>Saves a full-page screenshot under the artifacts folder and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        string path = Path.Combine(TestEnvironment.ArtifactsDirectory, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
