using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Support;

/// <summary>
/// Sets every parameter of a module from its own generator. Tests run in parallel and share torch's global random
/// generator, so seeding that one gives no reproducible weights (and would disturb other tests).
/// </summary>
public static class Deterministic
{
    public static T Initialise<T>(T module, long seed, double weightStd = 0.1, double biasStd = 0.05)
        where T : nn.Module
    {
        var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            bool isBias = name.EndsWith("bias", StringComparison.Ordinal);
            nn.init.normal_(parameter, 0, isBias ? biasStd : weightStd, generator);
        }

        return module;
    }
}
