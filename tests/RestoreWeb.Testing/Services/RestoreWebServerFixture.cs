namespace RestoreWeb.Testing.Services;

/// <summary>
/// The real RestoreWeb.Server, started from its build output as a separate process on real Kestrel and a
/// free loopback port, with its own temporary data folder. Later fixtures pass configuration through
/// <see cref="Configure"/> (environment variables use ASP.NET Core's double-underscore form).
/// </summary>
public class RestoreWebServerFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);
    private RestoreWebProcess? _process;

    public int Port { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>A folder the server may write to; deleted with the fixture.</summary>
    public string DataDirectory { get; } = TestEnvironment.NewTempDirectory("server");

    public string Output => _process?.Output ?? string.Empty;

    public static string ServerAssembly => Path.Combine(
        TestEnvironment.RepositoryRoot, "RestoreWeb.Server", "bin", TestEnvironment.BuildConfiguration,
        "net10.0", "linux-x64", "RestoreWeb.Server.dll");

    public void Configure(string key, string? value) => _environment[key] = value;

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public virtual async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(_environment, StringComparer.Ordinal)
        {
            // Each server gets its own databases and blobs: fixtures may run side by side.
            ["RestoreWeb__DataDirectory"] = _environment.GetValueOrDefault("RestoreWeb__DataDirectory") ?? DataDirectory,
        };
        _process = RestoreWebProcess.Start("RestoreWeb.Server", settings);
        Port = _process.Port;
        await _process.WaitUntilLiveAsync(TimeSpan.FromSeconds(90));
    }

    public virtual async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
