using System.Globalization;

namespace RestoreWeb.Testing.Services;

/// <summary>
/// One RestoreWeb.Server process started from the build output with the given configuration (environment variables
/// in ASP.NET Core's double-underscore form) and command-line arguments (e.g. <c>--role worker</c>), on its own free
/// loopback port and, unless configured otherwise, its own data folder. For tests that run several processes
/// against shared services and stop or kill them one by one; <see cref="RestoreWebServerFixture"/> is the one-server case.
/// </summary>
public sealed class RestoreWebProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _dataDirectory;

    private RestoreWebProcess(string name, ChildProcess process, int port, string dataDirectory)
    {
        Name = name;
        _process = process;
        Port = port;
        _dataDirectory = dataDirectory;
    }

    public string Name { get; }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public string Output => _process.Output;

    /// <summary>Starts the process without waiting; <see cref="WaitUntilLiveAsync"/> waits for /health/live.</summary>
    public static RestoreWebProcess Start(string name, IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string assembly = RestoreWebServerFixture.ServerAssembly;
        if (!File.Exists(assembly))
        {
            throw new MissingPrerequisiteException(
                $"the built server ({assembly})",
                $"Build the solution in {TestEnvironment.BuildConfiguration} first (the test command does).");
        }
        int port = FreePort.Next();
        string data = TestEnvironment.NewTempDirectory(name);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["RestoreWeb__DataDirectory"] = data,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }
        var process = ChildProcess.Start(
            name,
            "dotnet",
            [assembly, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", .. arguments],
            workingDirectory: Path.GetDirectoryName(assembly),
            environment: environment,
            stopSignal: ChildProcess.SigTerm);
        return new RestoreWebProcess(name, process, port, data);
    }

    public HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new HttpClientHandler(), disposeHandler: handler is null)
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited during start-up:\n{_process.Tail()}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri("health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not live within {timeout.TotalSeconds:0} s:\n{_process.Tail()}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine loses power or the kernel kills for memory.</summary>
    public async Task KillAsync()
    {
        _process.Signal(ChildProcess.SigKill);
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public string Tail(int lines = 40) => _process.Tail(lines);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }
}
