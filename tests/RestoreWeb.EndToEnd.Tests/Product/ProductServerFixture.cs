using RestoreWeb.Testing;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.EndToEnd.Tests.Product;

/// <summary>
/// The server with a real (tiny, randomly initialised) model package as its default model, so that jobs run end
/// to end. The trained starter model would make the same flow slower, not different.
/// </summary>
public sealed class ProductServerFixture : RestoreWebServerFixture
{
    public override Task InitializeAsync()
    {
        Configure("RestoreWeb__Models__DefaultPackage", Path.Combine(TestEnvironment.RepositoryRoot, "tests", "TestData", "tiny-random-model.zip"));
        // The tiny test model has its own preset and random weights: let it through the gate's preset and quality checks.
        Configure("RestoreWeb__Models__KnownPresets__0", "official");
        Configure("RestoreWeb__Models__KnownPresets__1", "compact");
        Configure("RestoreWeb__Models__KnownPresets__2", "test-tiny");
        Configure("RestoreWeb__Models__MinValidationPsnrDb", "0");
        return base.InitializeAsync();
    }
}
