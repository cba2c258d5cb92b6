using Azure.Storage.Blobs;

namespace RestoreWeb.Testing.Services;

/// <summary>
/// A real Azurite blob service on a free loopback port, with its data in a temporary folder. Azurite comes
/// from npm, installed by the test command into the repository's .tools folder.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's documented, public development account; it is not a secret.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private ChildProcess? _process;
    private string? _dataDirectory;

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{Port}/{AccountName};";

    public BlobServiceClient CreateServiceClient() => new(ConnectionString);

    public async Task InitializeAsync()
    {
        string azurite = Path.Combine(TestEnvironment.ToolsDirectory, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(azurite))
        {
            throw new MissingPrerequisiteException(
                $"Azurite ({azurite})",
                "Run the README's test command (./test.sh), which installs azurite@3.37.0 from npm into .tools.");
        }

        _dataDirectory = TestEnvironment.NewTempDirectory("azurite");
        Port = FreePort.Next();
        _process = ChildProcess.Start(
            "Azurite",
            azurite,
            [
                "--blobHost", "127.0.0.1",
                "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--location", _dataDirectory,
                // The SDK is newer than the API versions Azurite knows; the subset we use is the same.
                "--skipApiVersionCheck",
                "--silent",
            ],
            stopSignal: ChildProcess.SigInt);
        try
        {
            await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(30), () => _process.HasExited);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Azurite did not start: {e.Message}\n{_process.Tail()}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
