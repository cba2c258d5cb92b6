using Npgsql;
using RestoreWeb.Testing;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.EndToEnd.Tests.ScaleOut;

/// <summary>
/// RestoreWeb as it is deployed when scaled out: web and worker processes (each with its own empty data folder, so
/// nothing can be shared through local disk) against one PostgreSQL database and one Azure blob container.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly List<RestoreWebProcess> _processes = [];

    private ScaleOutCluster(string connectionString, string container, Dictionary<string, string?> settings)
    {
        ConnectionString = connectionString;
        Container = container;
        _settings = settings;
    }

    /// <summary>The application database, for what the test checks behind the API's back.</summary>
    public string ConnectionString { get; }

    public string Container { get; }

    public IReadOnlyList<RestoreWebProcess> Processes => _processes;

    public static async Task<ScaleOutCluster> CreateAsync(PostgresFixture postgres, AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        ArgumentNullException.ThrowIfNull(azurite);
        // The fixture's connections are unpooled (one-off administration); servers pool theirs, as in production.
        string connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("scaleout"))
        {
            Pooling = true,
            MaxPoolSize = 30,
        }.ConnectionString;
        string container = $"scaleout-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["RestoreWeb__Database__Provider"] = "Postgres",
            ["RestoreWeb__Database__ConnectionString"] = connectionString,
            ["RestoreWeb__Storage__Provider"] = "Azure",
            ["RestoreWeb__Storage__AzureConnectionString"] = azurite.ConnectionString,
            ["RestoreWeb__Storage__AzureContainer"] = container,
            ["RestoreWeb__Models__DefaultPackage"] = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "TestData", "tiny-random-model.zip"),
            // The tiny test model has its own preset and random weights: let it through the gate's preset and quality checks.
            ["RestoreWeb__Models__KnownPresets__0"] = "official",
            ["RestoreWeb__Models__KnownPresets__1"] = "compact",
            ["RestoreWeb__Models__KnownPresets__2"] = "test-tiny",
            ["RestoreWeb__Models__MinValidationPsnrDb"] = "0",
            // A dead worker's job is noticed within seconds instead of minutes: its heartbeat is stale after 2 s and
            // Hangfire hands its delivery to another worker after 4 s (live workers keep extending theirs).
            ["RestoreWeb__Jobs__QueuePollInterval"] = "00:00:00.250",
            ["RestoreWeb__Jobs__ProgressInterval"] = "00:00:00.200",
            ["RestoreWeb__Jobs__StaleAfter"] = "00:00:02",
            ["RestoreWeb__Jobs__InvisibilityTimeout"] = "00:00:04",
            ["RestoreWeb__Jobs__ServerTimeout"] = "00:00:10",
            ["Inference__OnnxRuntime__Preference"] = "Cpu",
            // Quiet, except for what the test reads: each run's outcome ("Job … succeeded in …").
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__RestoreWeb.Server.Jobs.RestorationJobRunner"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        return new ScaleOutCluster(connectionString, container, settings);
    }

    /// <summary>Starts a process with the given role ("web" or "worker") without waiting for it.</summary>
    public RestoreWebProcess Start(string name, string role)
    {
        var process = RestoreWebProcess.Start(name, _settings, "--role", role);
        _processes.Add(process);
        return process;
    }

    public static Task WaitUntilLiveAsync(params RestoreWebProcess[] processes) =>
        Task.WhenAll(processes.Select(p => p.WaitUntilLiveAsync(TimeSpan.FromSeconds(180))));

    /// <summary>Everything every process printed, for a failure message.</summary>
    public string Tails() => string.Join("\n", _processes.Select(p => $"--- {p.Name} (pid {p.ProcessId}){(p.HasExited ? ", exited" : "")}:\n{p.Tail(25)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}
