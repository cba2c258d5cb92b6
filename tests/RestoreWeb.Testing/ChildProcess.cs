using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace RestoreWeb.Testing;

/// <summary>
/// A service process started by a fixture. Its output is kept for error messages; it is stopped with a
/// signal of the fixture's choosing and killed if it does not stop in time. Every live child is also killed
/// when the test host exits, so a failing or crashing test leaves nothing behind; the test command
/// additionally reaps anything that carries its run marker.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Environment variable the test command sets so it can find and reap children after the run.</summary>
    public const string RunMarkerVariable = "RESTOREWEB_TEST_RUN";

    private static readonly ConcurrentDictionary<int, ChildProcess> Live = new();
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly int _stopSignal;

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var child in Live.Values)
            {
                child.KillNow();
            }
        };
    }

    private ChildProcess(Process process, string name, int stopSignal)
    {
        _process = process;
        Name = name;
        _stopSignal = stopSignal;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ChildProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        int stopSignal = SigTerm)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name, stopSignal);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name} did not start ({fileName}).");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Live[process.Id] = child;
        return child;
    }

    /// <summary>Sends a signal to the process (or to another process id, e.g. a daemon's real server).</summary>
    public static void Signal(int processId, int signal)
    {
        if (kill(processId, signal) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            const int noSuchProcess = 3;
            if (error != noSuchProcess)
            {
                throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {error}.");
            }
        }
    }

    public void Signal(int signal) => Signal(_process.Id, signal);

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Stops with the configured signal; kills after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            if (!_process.HasExited)
            {
                Signal(_stopSignal);
                try
                {
                    await WaitForExitAsync(grace);
                }
                catch (OperationCanceledException)
                {
                    KillNow();
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            Live.TryRemove(_process.Id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(15));
        _process.Dispose();
    }

    /// <summary>The process's output, for an error message: its last lines are what explains a failure.</summary>
    public string Tail(int lines = 40)
    {
        var all = Output.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private void KillNow()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
