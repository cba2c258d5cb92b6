using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RestoreWeb.Testing;

namespace RestoreWeb.EndToEnd.Tests.Admin;

/// <summary>The training program's register command, run as its own process against the server process.</summary>
public sealed class RegisterCommandTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>, IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("restoreweb-register-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private static string TrainingAssembly => Path.Combine(
        TestEnvironment.RepositoryRoot, "RestoreWeb.Training", "bin", TestEnvironment.BuildConfiguration, "net10.0", "linux-x64", "RestoreWeb.Training.dll");

    private async Task<(int ExitCode, string Output)> RegisterAsync(string package, string token)
    {
        await using var cli = ChildProcess.Start("register", "dotnet",
            [TrainingAssembly, "register", package, "--server", fixture.Server.BaseAddress.ToString(), "--token", token]);
        int exit = await cli.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return (exit, cli.Output);
    }

    [Fact]
    public async Task The_register_command_uploads_a_package_with_an_admin_token_and_prints_the_gate_verdict()
    {
        using var created = await fixture.Admin.PostAsJsonAsync("/api/admin/tokens", new { name = "training box" });
        created.EnsureSuccessStatusCode();
        string token = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        string package = AdminServerFixture.WritePackageVersion(Path.Combine(_files, "tiny-4.0.0.zip"), "4.0.0");

        var (exit, output) = await RegisterAsync(package, token);

        Assert.True(exit == 0, output);
        Assert.Contains("Registered: tiny-random 4.0.0", output, StringComparison.Ordinal);
        Assert.Contains("pass evaluation", output, StringComparison.Ordinal);
        var models = JsonNode.Parse(await fixture.Admin.GetStringAsync(new Uri("/api/admin/models", UriKind.Relative)))!.AsArray();
        var registered = Assert.Single(models, m => m!["version"]!.GetValue<string>() == "4.0.0")!;
        Assert.Equal(AdminServerFixture.AdminEmail, registered["registeredBy"]!.GetValue<string>());

        var (again, againOutput) = await RegisterAsync(package, token);
        Assert.Equal(0, again);
        Assert.Contains("Already registered", againOutput, StringComparison.Ordinal);

        var (refused, refusedOutput) = await RegisterAsync(package, "rw_not-a-real-token");
        Assert.Equal(1, refused);
        Assert.Contains("401 (the token is unknown or revoked)", refusedOutput, StringComparison.Ordinal);
    }
}
