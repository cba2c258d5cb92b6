using System.IO.Compression;
using Microsoft.Playwright;
using RestoreWeb.Testing.Services;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.EndToEnd.Tests.Product;

/// <summary>
/// A family member's whole visit in Chromium: register, create an album, upload three photos (one stored sideways
/// with EXIF orientation 6), wait for the restorations, compare, correct the mask and re-run, download the album.
/// </summary>
public sealed class FamilyFlowTests(ProductServerFixture server, BrowserFixture browser)
    : IClassFixture<ProductServerFixture>, IClassFixture<BrowserFixture>, IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("restoreweb-e2e-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    [Fact]
    public async Task Register_upload_restore_compare_correct_the_mask_and_download_the_album()
    {
        var photos = new[]
        {
            WritePhoto("wedding.jpg", 96, 64, orientation: 1),
            WritePhoto("sideways.jpg", 80, 48, orientation: 6),
            WritePhoto("harbour.png", 72, 72, orientation: 1),
        };
        var page = await browser.NewPageAsync(server.BaseAddress);
        page.SetDefaultTimeout(60_000);
        // The Content-Security-Policy must not get in the app's way: Chromium reports every refusal on the console.
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Refused to", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (refusals)
                {
                    refusals.Add(message.Text);
                }
            }
        };

        await page.GotoAsync("/register");
        await BrowserFixture.WaitForWebAssemblyAsync(page);
        await BrowserFixture.Field(page, "email").FillAsync("grandchild@example.com");
        await BrowserFixture.Field(page, "password").FillAsync("a long family password");
        await BrowserFixture.Field(page, "confirm").FillAsync("a long family password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/albums");
        await BrowserFixture.ScreenshotAsync(page, "flow-1-albums-empty");

        await page.Locator("[data-action=create]").First.ClickAsync();
        await BrowserFixture.Field(page, "album-name").FillAsync("Grandma's shoebox");
        await page.Locator(".mud-dialog [data-action=submit]").ClickAsync();
        await page.WaitForURLAsync("**/albums/*");

        await page.Locator("input[type=file]").SetInputFilesAsync(photos.Select(p => p.Path));
        foreach (var photo in photos)
        {
            var card = page.Locator(".mud-card").Filter(new() { Has = page.Locator($"[aria-label='Open {photo.Name}']") });
            await Assertions.Expect(card.Locator("[data-job-state=Succeeded]")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        }
        await BrowserFixture.ScreenshotAsync(page, "flow-2-album-restored");

        await page.Locator("[aria-label='Open wedding.jpg']").ClickAsync();
        var slider = page.GetByRole(AriaRole.Slider);
        await Assertions.Expect(slider).ToBeVisibleAsync();
        await slider.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        await Assertions.Expect(slider).ToHaveAttributeAsync("aria-valuenow", "0");
        await BrowserFixture.ScreenshotAsync(page, "flow-3-compare");

        await page.GetByRole(AriaRole.Button, new() { Name = "Correct the scratch mask" }).ClickAsync();
        var canvas = page.Locator("canvas");
        await Assertions.Expect(canvas).ToBeVisibleAsync();
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.2f, box.Y + box.Height * 0.3f);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.8f, box.Y + box.Height * 0.6f, new() { Steps = 12 });
        await page.Mouse.UpAsync();
        await BrowserFixture.ScreenshotAsync(page, "flow-4-mask");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and restore again" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-job-state=Succeeded]").First).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByText("with your drawn mask").First).ToBeVisibleAsync();

        // The restoration with the drawn mask itself finishes (the first chip is the current job's).
        await Assertions.Expect(page.Locator("[data-job-state]").First).ToHaveAttributeAsync("data-job-state", "Succeeded", new() { Timeout = 120_000 });

        // The same page on a phone in the dark theme: it must stay usable there, and the README shows it.
        var desktop = page.ViewportSize!;
        await page.SetViewportSizeAsync(390, 844);
        var themeToggle = page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark theme" });
        string light = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        await themeToggle.ClickAsync();
        await page.WaitForFunctionAsync("before => getComputedStyle(document.body).backgroundColor !== before", light);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Correct the scratch mask" })).ToBeEnabledAsync();
        // Away from the toggle's tooltip, past the snackbar, and from the top, so the fixed app bar sits at the top.
        await page.Mouse.MoveAsync(5, 600);
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(page, "flow-5-photo-dark-phone");
        await themeToggle.ClickAsync();
        await page.WaitForFunctionAsync("before => getComputedStyle(document.body).backgroundColor === before", light);
        await page.SetViewportSizeAsync(desktop.Width, desktop.Height);

        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Download ZIP" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-download=restored]").ClickAsync());
        string zipPath = Path.Combine(_files, "album.zip");
        await download.SaveAsAsync(zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(3, zip.Entries.Count);
        foreach (var photo in photos)
        {
            var entry = Assert.Single(zip.Entries, e => Path.GetFileNameWithoutExtension(e.Name) == Path.GetFileNameWithoutExtension(photo.Name));
            using var stream = entry.Open();
            using var image = Image.Load<Rgb24>(stream);
            Assert.Equal((photo.UprightWidth, photo.UprightHeight), (image.Width, image.Height));
            Assert.Equal((ushort)1, image.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value ?? 1);
        }
        await page.Context.CloseAsync();
        Assert.Empty(refusals);
    }


    private (string Name, string Path, int UprightWidth, int UprightHeight) WritePhoto(string name, int width, int height, ushort orientation)
    {
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgb24((byte)(60 + x * 150 / width), (byte)(40 + y * 180 / height), (byte)(x * y % 200));
                }
            }
        });
        if (orientation != 1)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, orientation);
        }
        string path = Path.Combine(_files, name);
        if (name.EndsWith(".png", StringComparison.Ordinal))
        {
            image.SaveAsPng(path);
        }
        else
        {
            image.SaveAsJpeg(path);
        }
        bool swapped = orientation >= 5;
        return (name, path, swapped ? height : width, swapped ? width : height);
    }
}
