using RestoreWeb.Training.Cli;

namespace RestoreWeb.Training.Tests.Cli;

public sealed class TrainingCliTests
{
    [Fact]
    public async Task Info_reports_the_loaded_torch_runtime()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await TrainingCli.RunAsync(["info"], output, error);

        Assert.Equal(0, exit);
        Assert.Matches(@"TorchSharp\s+0\.107\.0", output.ToString());
        Assert.Matches(@"CPU threads\s+[1-9]", output.ToString());
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public async Task Unknown_command_is_named_in_the_error_with_exit_code_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await TrainingCli.RunAsync(["trian"], output, error);

        Assert.Equal(2, exit);
        Assert.Contains("Unknown command 'trian'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Commands:", error.ToString(), StringComparison.Ordinal);
    }
}
