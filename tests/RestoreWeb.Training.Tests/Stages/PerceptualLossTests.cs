using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using RestoreWeb.Training.Stages;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Stages;

public sealed class PerceptualLossTests(VggWeightsFile vgg) : IClassFixture<VggWeightsFile>
{
    [Fact]
    public void The_features_have_torchvisions_vgg19_keys_and_shapes_and_tap_relu1_1_to_relu5_1()
    {
        using var network = new Vgg19Features();

        var entries = StateDictEntries.Of(network);

        int[] convolutions = [0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28];
        Assert.Equal(convolutions.SelectMany(i => new[] { $"features.{i}.weight", $"features.{i}.bias" }), entries.Select(e => e.Key));
        var shapes = entries.ToDictionary(e => e.Key, e => e.Value.shape);
        Assert.Equal([64L, 3, 3, 3], shapes["features.0.weight"]);
        Assert.Equal([256L, 128, 3, 3], shapes["features.10.weight"]);
        Assert.Equal([512L, 512, 3, 3], shapes["features.28.weight"]);

        using var scope = NewDisposeScope();
        var outputs = network.call(zeros(2, 3, 32, 48));
        Assert.Equal(new long[][] { [2, 64, 32, 48], [2, 128, 16, 24], [2, 256, 8, 12], [2, 512, 4, 6], [2, 512, 2, 3] },
            outputs.Select(o => o.shape));
        Assert.Throws<ArgumentException>(() => network.call(zeros(1, 3, 8, 8)));
    }

    [Fact]
    public void The_loss_is_the_weighted_l1_of_the_loaded_networks_activations_and_trains_only_the_output()
    {
        using var loss = PerceptualLoss.Load(vgg.Path);
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        var target = rand(2, 3, 32, 32) * 2 - 1;
        var output = (rand(2, 3, 32, 32) * 2 - 1).requires_grad_(true);

        var value = loss.Compute(output, target);

        double expected;
        using (no_grad())
        {
            var a = vgg.Source.call(output);
            var b = vgg.Source.call(target);
            expected = a.Zip(b, PerceptualLoss.LayerWeights).Sum(t => t.Third * nn.functional.l1_loss(t.First, t.Second).item<float>());
        }
        Assert.True(expected > 0);
        Assert.Equal(expected, value.item<float>(), expected * 1e-5);
        Assert.Equal(0, loss.Compute(target, target).item<float>());

        value.backward();
        Assert.True(output.grad is { } gradient && gradient.abs().sum().item<float>() > 0, "no gradient reached the output");
        Assert.False(loss.Network.training);
        Assert.All(loss.Network.parameters(), p => Assert.True(!p.requires_grad && p.grad is null, "a VGG weight would train"));
        Assert.Equal(64, loss.WeightsSha256.Length);
    }

    [Fact]
    public void A_missing_file_and_weights_of_another_network_are_named_in_the_error()
    {
        string folder = Directory.CreateTempSubdirectory("restoreweb-not-vgg-").FullName;
        try
        {
            var missing = Assert.Throws<FileNotFoundException>(() => PerceptualLoss.Load(Path.Combine(folder, "vgg19.pth")));
            Assert.Contains("VGG19 weights file", missing.Message, StringComparison.Ordinal);

            string vae = Path.Combine(folder, "vae.pth");
            using (var network = StageTests.Micro.CreateVae())
            {
                PyTorchCheckpoint.Save(network, vae);
            }
            var wrong = Assert.Throws<InvalidDataException>(() => PerceptualLoss.Load(vae));
            Assert.Contains("does not hold torchvision VGG19 weights", wrong.Message, StringComparison.Ordinal);
            Assert.Contains("features.28.weight", wrong.Message, StringComparison.Ordinal);

            string text = Path.Combine(folder, "notes.pth");
            File.WriteAllText(text, "not a checkpoint");
            Assert.Throws<InvalidDataException>(() => PerceptualLoss.Load(text));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
