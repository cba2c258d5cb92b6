using RestoreWeb.Build;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Build;

/// <summary>
/// Proves that the build's fix for TorchSharp on libstdc++ older than GCC 13 is in place and that the native
/// library then loads and trains (see build/ElfVersionNeeds.cs).
/// </summary>
public sealed class TorchSharpNativeLoadTests
{
    private static string CopiedNativeLibrary => Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");

    [Fact]
    public void Copied_native_library_requires_GLIBCXX_3_4_32_only_weakly()
    {
        var needs = ElfVersionNeeds.Read(CopiedNativeLibrary);

        var glibcxx332 = Assert.Single(needs, n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", glibcxx332.File);
        Assert.True(glibcxx332.IsWeak, "the build must mark GLIBCXX_3.4.32 weak (VER_FLG_WEAK)");
        // Every other requirement is untouched: the patch is surgical.
        Assert.All(needs.Where(n => n.Version != "GLIBCXX_3.4.32"), n => Assert.False(n.IsWeak, n.Version));
        Assert.Contains(needs, n => n.Version == "GLIBCXX_3.4.30");
    }

    [Fact]
    public void Weakening_is_idempotent_and_names_a_version_the_library_does_not_need()
    {
        string copy = Path.Combine(Path.GetTempPath(), $"libLibTorchSharp-{Guid.NewGuid():N}.so");
        File.Copy(CopiedNativeLibrary, copy);
        try
        {
            Assert.Equal(0, ElfVersionNeeds.Weaken(copy, ["GLIBCXX_3.4.32"]));
            var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Weaken(copy, ["GLIBCXX_9.9.99"]));
            Assert.Contains("GLIBCXX_9.9.99", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void Non_elf_file_is_rejected_with_a_clear_error()
    {
        string text = Path.Combine(Path.GetTempPath(), $"not-elf-{Guid.NewGuid():N}.so");
        File.WriteAllText(text, "this is not a shared library, just text that is long enough to have a header");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(text));
            Assert.Contains("not an ELF file", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(text);
        }
    }

    [Fact]
    public void Tensor_operations_run_on_the_native_library()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var b = tensor(new float[] { 5, 6, 7, 8 }, [2, 2]);
        using var product = a.matmul(b);

        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }

    [Fact]
    public void A_training_step_reduces_the_loss_of_a_small_convolutional_network()
    {
        torch.random.manual_seed(7);
        using var scope = NewDisposeScope();
        var net = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding: 1),
            nn.ReLU(),
            nn.Conv2d(8, 3, 3, padding: 1));
        var optimizer = optim.Adam(net.parameters(), lr: 1e-2);
        var input = rand(4, 3, 16, 16);
        var target = input.flip(3);

        float first = 0, last = 0;
        for (int step = 0; step < 30; step++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.l1_loss(net.call(input), target);
            loss.backward();
            optimizer.step();
            if (step == 0)
            {
                first = loss.item<float>();
            }
            last = loss.item<float>();
        }

        Assert.True(last < 0.8f * first, $"loss went from {first} to {last}");
    }
}
