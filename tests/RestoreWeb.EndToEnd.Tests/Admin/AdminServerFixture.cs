using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RestoreWeb.EndToEnd.Tests.Product;
using RestoreWeb.Testing;

namespace RestoreWeb.EndToEnd.Tests.Admin;

/// <summary>The product server with its first account, the administrator, already registered.</summary>
public sealed class AdminServerFixture : IAsyncLifetime
{
    public const string AdminEmail = "curator@example.com";
    public const string AdminPassword = "a long curator password";

    public ProductServerFixture Server { get; } = new();

    /// <summary>Signed in as the administrator (cookies kept).</summary>
    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        using var registered = await Admin.PostAsJsonAsync("/api/account/register", new { email = AdminEmail, password = AdminPassword });
        registered.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
    }

    public static string TinyPackage => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "TestData", "tiny-random-model.zip");

    /// <summary>The tiny test package as another version (same graphs, another archive) written to <paramref name="path"/>.</summary>
    public static string WritePackageVersion(string path, string version)
    {
        File.Copy(TinyPackage, path, overwrite: true);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = archive.GetEntry("manifest.json")!;
        JsonNode manifest;
        using (var reader = entry.Open())
        {
            manifest = JsonNode.Parse(reader)!;
        }
        manifest["version"] = version;
        entry.Delete();
        using var writer = archive.CreateEntry("manifest.json").Open();
        writer.Write(System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        return path;
    }
}
