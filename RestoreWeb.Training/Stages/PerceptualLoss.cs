using System.Security.Cryptography;
using RestoreWeb.Training.Checkpoints;
using RestoreWeb.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Stages;

/// <summary>
/// The official recipe's VGG perceptual loss: Σ wᵢ·‖φᵢ(output) − φᵢ(target)‖₁ over relu1_1 … relu5_1 of a frozen
/// VGG19, weights 1/32, 1/16, 1/8, 1/4, 1, images fed in [-1, 1] as the official code feeds them. It needs ImageNet
/// weights, which the user supplies as a torchvision <c>vgg19</c> state dict: nothing is downloaded.
/// </summary>
public sealed class PerceptualLoss : IDisposable
{
    public static IReadOnlyList<double> LayerWeights { get; } = [1.0 / 32, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0];

    private readonly Vgg19Features _vgg;

    private PerceptualLoss(Vgg19Features vgg, string sha256)
    {
        _vgg = vgg;
        WeightsSha256 = sha256;
    }

    /// <summary>The frozen network (eval mode, no gradients).</summary>
    public Vgg19Features Network => _vgg;

    /// <summary>SHA-256 of the weights file, for the run manifest.</summary>
    public string WeightsSha256 { get; }

    /// <summary>
    /// Reads the VGG19 weights from a PyTorch state dict (torchvision's <c>vgg19</c> or just its <c>features.*</c>);
    /// the layers after relu5_1 and the classifier are not used and are ignored.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a PyTorch state dict, or VGG19 layers are missing or have other shapes.</exception>
    public static PerceptualLoss Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"VGG19 weights file '{path}' does not exist.", path);
        }
        string sha256;
        try
        {
            using var stream = File.OpenRead(path);
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"VGG19 weights file '{path}' cannot be read: {e.Message}", e);
        }
        var vgg = new Vgg19Features();
        try
        {
            using var all = PyTorchCheckpoint.Read(path);
            var used = new HashSet<string>(StateDictEntries.Of(vgg).Select(e => e.Key), StringComparer.Ordinal);
            StateDictLoader.LoadStrict(vgg, all.Where(e => used.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
                $"the VGG19 weights '{path}'");
        }
        catch (Exception e) when (e is CheckpointMismatchException or InvalidDataException or NotSupportedException)
        {
            vgg.Dispose();
            throw new InvalidDataException($"'{path}' does not hold torchvision VGG19 weights: {e.Message}", e);
        }
        vgg.eval();
        foreach (var parameter in vgg.parameters())
        {
            parameter.requires_grad = false;
        }
        return new PerceptualLoss(vgg, sha256);
    }

    /// <summary>The weighted L1 distance of the two images' VGG19 activations; gradients flow into <paramref name="output"/> only.</summary>
    public Tensor Compute(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        Tensor[] targetFeatures;
        using (no_grad())
        {
            targetFeatures = _vgg.call(target);
        }
        var outputFeatures = _vgg.call(output);
        var loss = LayerWeights[0] * nn.functional.l1_loss(outputFeatures[0], targetFeatures[0]);
        for (int i = 1; i < outputFeatures.Length; i++)
        {
            loss += LayerWeights[i] * nn.functional.l1_loss(outputFeatures[i], targetFeatures[i]);
        }
        return loss;
    }

    /// <summary>Moves the network to where the images it judges are.</summary>
    public void MoveTo(Device device) => _vgg.to(device);

    public void Dispose() => _vgg.Dispose();
}
