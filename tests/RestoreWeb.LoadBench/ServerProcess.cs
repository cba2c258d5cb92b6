using System.Globalization;
using RestoreWeb.Testing;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.LoadBench;

/// <summary>The built server as its own process on a loopback port with the tiny test model, and its memory as the OS sees it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly RestoreWebProcess _process;

    private ServerProcess(RestoreWebProcess process) => _process = process;

    public Uri Address => _process.BaseAddress;

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var environment = new Dictionary<string, string?>(settings, StringComparer.Ordinal)
        {
            ["RestoreWeb__Models__DefaultPackage"] = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "TestData", "tiny-random-model.zip"),
            ["RestoreWeb__Models__KnownPresets__2"] = "test-tiny",
            ["RestoreWeb__Models__MinValidationPsnrDb"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
            // Every simulated user comes from 127.0.0.1, which the per-address sign-in limit would treat as one client.
            ["RestoreWeb__Security__SignIn__PermitLimit"] = "10000",
        };
        var process = RestoreWebProcess.Start("load-bench", environment);
        await process.WaitUntilLiveAsync(TimeSpan.FromSeconds(90));
        return new ServerProcess(process);
    }

    /// <summary>Resident set size of the server process in bytes (VmRSS), what a memory limit applies to.</summary>
    public long ResidentBytes()
    {
        foreach (string line in File.ReadLines($"/proc/{_process.ProcessId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
