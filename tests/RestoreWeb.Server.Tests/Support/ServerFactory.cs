using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Storage;
using RestoreWeb.Testing;

namespace RestoreWeb.Server.Tests.Support;

/// <summary>
/// The whole server in process on SQLite, with its own temporary data folder, the tiny test model as the default
/// package and a Hangfire worker polling fast. Subclasses change settings for one test class.
/// </summary>
public class ServerFactory : WebApplicationFactory<Program>
{
    public static string TinyModelPackage => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "TestData", "tiny-random-model.zip");

    public string DataDirectory { get; } = TestEnvironment.NewTempDirectory("server-api");

    public LogCapture Logs { get; } = new();

    public IBlobStore Blobs => Services.GetRequiredService<IBlobStore>();

    /// <summary>A client with its own cookie jar, i.e. its own browser session.</summary>
    public ApiClient NewClient() => new(
        CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }),
        () => Logs.Lines.Where(line => line.StartsWith("Error", StringComparison.Ordinal)));

    public async Task<T> WithDbAsync<T>(Func<RestoreWebDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RestoreWebDbContext>());
    }

    public async Task<List<string>> BlobNamesAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var entry in Blobs.ListAsync(prefix))
        {
            names.Add(entry.Name);
        }
        return names;
    }

    public Task<int> PhotoCountAsync() => WithDbAsync(db => db.Photos.CountAsync());

    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["RestoreWeb:DataDirectory"] = DataDirectory,
            ["RestoreWeb:Models:DefaultPackage"] = TinyModelPackage,
            // The tiny test model has its own preset and random weights: let it through the gate's preset and quality checks.
            ["RestoreWeb:Models:KnownPresets:0"] = "official",
            ["RestoreWeb:Models:KnownPresets:1"] = "compact",
            ["RestoreWeb:Models:KnownPresets:2"] = "test-tiny",
            ["RestoreWeb:Models:MinValidationPsnrDb"] = "0",
            ["RestoreWeb:Jobs:QueuePollInterval"] = "00:00:00.200",
            ["RestoreWeb:Jobs:ProgressInterval"] = "00:00:00.100",
            ["Inference:OnnxRuntime:Preference"] = "Cpu",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            // In process every test client has the same (no) address, so the per-address sign-in limit would be
            // shared by all the tests of a class; Security/RateLimitTests sets low limits of its own.
            ["RestoreWeb:Security:SignIn:PermitLimit"] = "100000",
        };
        Configure(settings);
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            // Host settings reach the application as arguments, early enough for what it reads while building.
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing SQLite connection; the temp folder is cleaned by the OS eventually.
        }
    }
}

/// <summary>No Hangfire worker in this process: jobs stay queued, which upload tests want (and it keeps them fast).</summary>
public class QueueOnlyServerFactory : ServerFactory
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["RestoreWeb:Jobs:RunWorker"] = "false";
    }
}
