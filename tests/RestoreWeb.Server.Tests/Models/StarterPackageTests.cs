using RestoreWeb.Inference.Packages;
using RestoreWeb.Server.Tests.Admin;
using RestoreWeb.Server.Tests.Support;
using RestoreWeb.Testing;
using Xunit.Abstractions;

namespace RestoreWeb.Server.Tests.Models;

/// <summary>The package the product serves out of the box (<c>models/starter.zip</c>), through the same gate as any upload.</summary>
public sealed class StarterPackageTests(ModelAdminServerFactory server, ITestOutputHelper output) : IClassFixture<ModelAdminServerFactory>
{
    private static string StarterPath => Path.Combine(TestEnvironment.RepositoryRoot, "models", "starter.zip");

    [Fact]
    public async Task The_shipped_starter_package_passes_the_validation_gate()
    {
        var model = await server.Admin.RegisterPackageAsync(await File.ReadAllBytesAsync(StarterPath), "starter.zip");

        var validation = model.Validation!;
        var scores = validation.Scores!;
        output.WriteLine($"{model.Name} {model.Version}: PSNR {scores.InputPsnr:0.00} → {scores.ModelPsnr:0.00} dB, SSIM {scores.InputSsim:0.000} → {scores.ModelSsim:0.000} on {scores.Images} samples");
        Assert.All(validation.Checks, c => Assert.True(c.Passed, c.Detail));
        Assert.Equal("Validated", model.Status);
        Assert.Equal(("starter", "trained", "compact"), (model.Name, model.Source, model.Preset));
        Assert.Equal(6, scores.Images);
    }

    [Fact]
    public void The_starter_package_carries_its_held_out_scores_and_the_calibrated_detector_threshold()
    {
        var package = ModelPackage.Open(StarterPath);

        Assert.True(new FileInfo(StarterPath).Length <= 60L * 1024 * 1024, "the starter package must stay within 60 MB");
        Assert.Equal(22, package.Manifest.Metrics["validation_photos"]);
        Assert.True(package.Manifest.Metrics["unstructured_ssim"] > package.Manifest.Metrics["unstructured_ssim_input"],
            "the starter model should raise SSIM over the damaged input on held-out photos");
        Assert.InRange(package.Manifest.Input.DetectorThreshold, 0.41, 0.99);
    }
}
