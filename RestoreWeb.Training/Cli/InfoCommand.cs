using System.CommandLine;
using System.Reflection;
using TorchSharp;

namespace RestoreWeb.Training.Cli;

internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Show the TorchSharp/libtorch runtime this program uses (threads, CUDA).");
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            string version = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";
            output.WriteLine($"TorchSharp      {version.Split('+')[0]}");
            output.WriteLine($"CPU threads     {torch.get_num_threads()}");
            output.WriteLine($"CUDA available  {(torch.cuda.is_available() ? $"yes ({torch.cuda.device_count()} device(s))" : "no")}");
            return 0;
        });
        return command;
    }
}
