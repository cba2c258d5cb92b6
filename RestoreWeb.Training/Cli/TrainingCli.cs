using System.CommandLine;

namespace RestoreWeb.Training.Cli;

/// <summary>
/// The training program's command line. Each command lives in its own class; a bad invocation is answered with
/// what was wrong and a non-zero exit code.
/// </summary>
public static class TrainingCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("RestoreWeb training program: networks, training, ONNX export and restoration from the command line.")
        {
            InfoCommand.Create(),
            ImportOfficialCommand.Create(),
            BenchCommand.Create(),
            RestoreCommand.Create(),
            TrainCommand.Create(),
            EvaluateCommand.Create(),
            ValidationSetCommand.Create(),
            ExportCommand.Create(),
            RegisterCommand.Create(),
        };
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return Build().Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
