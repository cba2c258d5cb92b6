using System.Reflection;
using TorchSharp;

namespace RestoreWeb.Training.Cli;

/// <summary>
/// The training program's command line. Commands are added by the features that own them (stages,
/// export, import, restore); each answers a bad invocation with what was wrong and a non-zero exit code.
/// </summary>
public static class TrainingCli
{
    private const string Usage = """
        RestoreWeb training program

        Usage: dotnet run --project RestoreWeb.Training -- <command> [options]

        Commands:
          info     Show the TorchSharp/libtorch runtime this program uses (threads, CUDA).
          help     Show this text.
        """;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string command = args.Length == 0 ? "help" : args[0];
        switch (command)
        {
            case "help" or "--help" or "-h":
                output.WriteLine(Usage);
                return Task.FromResult(0);
            case "info":
                WriteInfo(output);
                return Task.FromResult(0);
            default:
                error.WriteLine($"Unknown command '{command}'.");
                error.WriteLine(Usage);
                return Task.FromResult(2);
        }
    }

    private static void WriteInfo(TextWriter output)
    {
        string version = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";
        output.WriteLine($"TorchSharp      {version.Split('+')[0]}");
        output.WriteLine($"CPU threads     {torch.get_num_threads()}");
        output.WriteLine($"CUDA available  {(torch.cuda.is_available() ? $"yes ({torch.cuda.device_count()} device(s))" : "no")}");
    }
}
