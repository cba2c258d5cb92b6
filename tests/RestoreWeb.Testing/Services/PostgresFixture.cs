using System.Globalization;
using Npgsql;

namespace RestoreWeb.Testing.Services;

/// <summary>
/// A temporary PostgreSQL cluster (initdb into a temp folder) on a free loopback port. When the tests run
/// as root, the server runs as the 'postgres' user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string SuperUser = "postgres";
    private ChildProcess? _server;
    private string? _dataDirectory;
    private string? _binDirectory;

    public int Port { get; private set; }

    /// <summary>Connection string for the default 'postgres' database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Database = database,
            Pooling = false,
        }.ConnectionString;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        string name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public async Task InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        _dataDirectory = TestEnvironment.NewTempDirectory("postgres");
        bool asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", SuperUser, _dataDirectory]);
        }

        await RunAsync(AsServerUser(asRoot, Path.Combine(_binDirectory, "initdb")),
            Arguments(asRoot, Path.Combine(_binDirectory, "initdb"),
                ["-D", _dataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--no-sync"]));

        Port = FreePort.Next();
        string postgres = Path.Combine(_binDirectory, "postgres");
        _server = ChildProcess.Start(
            "PostgreSQL",
            AsServerUser(asRoot, postgres),
            Arguments(asRoot, postgres,
            [
                "-D", _dataDirectory,
                "-p", Port.ToString(CultureInfo.InvariantCulture),
                "-k", _dataDirectory,
                "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=200",
            ]),
            stopSignal: ChildProcess.SigInt);
        try
        {
            await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(60), () => _server.HasExited);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"PostgreSQL did not start: {e.Message}\n{_server.Tail()}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            // When started through runuser the child we hold is runuser; the postmaster's own id is in its
            // pid file. SIGINT is PostgreSQL's "fast shutdown".
            int? postmaster = ReadPostmasterId();
            if (postmaster is int id && id != _server.Id)
            {
                ChildProcess.Signal(id, ChildProcess.SigInt);
            }
            await _server.DisposeAsync();
        }
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private int? ReadPostmasterId()
    {
        string pidFile = Path.Combine(_dataDirectory!, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }
        string? first = File.ReadLines(pidFile).FirstOrDefault();
        return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    private static string AsServerUser(bool asRoot, string program) => asRoot ? "runuser" : program;

    private static string[] Arguments(bool asRoot, string program, string[] arguments) =>
        asRoot ? ["-u", SuperUser, "--", program, .. arguments] : arguments;

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var initdb = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return initdb ?? throw new MissingPrerequisiteException(
            "PostgreSQL server (initdb under /usr/lib/postgresql/*/bin)",
            "Run the README's test command (./test.sh), which installs it with 'apt-get install postgresql'.");
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        await using var process = ChildProcess.Start(program, program, arguments);
        int exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        if (exit != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {exit}:\n{process.Tail()}");
        }
    }
}
