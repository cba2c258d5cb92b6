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
    public async Task Unknown_command_is_named_in_the_error_with_a_non_zero_exit_code()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await TrainingCli.RunAsync(["trian"], output, error);

        Assert.NotEqual(0, exit);
        Assert.Contains("'trian'", error.ToString(), StringComparison.Ordinal);
    }
}
