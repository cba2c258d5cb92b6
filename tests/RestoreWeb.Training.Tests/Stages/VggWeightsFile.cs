using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Stages;

/// <summary>
/// A VGG19 state dict in torchvision's layout (<c>features.N.*</c> plus a classifier the loss must ignore), with
/// random weights: ImageNet weights are 548 MB and tests never download anything. <see cref="Source"/> holds the
/// same weights, to check what the loss computes after loading them.
/// </summary>
public sealed class VggWeightsFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("restoreweb-vgg-").FullName;

    public VggWeightsFile()
    {
        random.manual_seed(11);
        Source = new Vgg19Features();
        Path = System.IO.Path.Combine(_folder, "vgg19.pth");
        // Not disposed: disposing a module disposes its children, and the features belong to Source.
        var torchvisionLayout = new TorchvisionLayout(Source.Features);
        PyTorchCheckpoint.Save(torchvisionLayout, Path);
    }

    public string Path { get; }

    public Vgg19Features Source { get; }

    public void Dispose()
    {
        Source.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class TorchvisionLayout : nn.Module
    {
#pragma warning disable IDE0052 // Registered as children: their names are the state dict's keys.
        private readonly nn.Module features;
        private readonly nn.Module classifier;
#pragma warning restore IDE0052

        public TorchvisionLayout(nn.Module features) : base("VGG")
        {
            this.features = features;
            classifier = nn.Linear(8, 2);
            RegisterComponents();
        }
    }
}
