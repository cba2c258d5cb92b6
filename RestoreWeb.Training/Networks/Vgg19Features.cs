using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// The convolutional part of VGG19 up to relu5_1, laid out as torchvision's <c>vgg19().features</c> (children 0–29,
/// so a torchvision state dict's <c>features.N.*</c> keys load unchanged). Returns the activations after relu1_1,
/// relu2_1, relu3_1, relu4_1 and relu5_1, the layers the official perceptual loss compares.
/// </summary>
public sealed class Vgg19Features : nn.Module<Tensor, Tensor[]>
{
    /// <summary>Indices of the ReLUs whose outputs are returned.</summary>
    public static IReadOnlyList<int> Taps { get; } = [1, 6, 11, 20, 29];

    /// <summary>Channels of each 3×3 convolution, 0 for a 2×2 max-pool; torchvision's configuration "E" cut after conv5_1.</summary>
    private static readonly int[] Configuration = [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512];

    private readonly Sequential features;
    private readonly IReadOnlyList<nn.Module<Tensor, Tensor>> layers;

    public Vgg19Features() : base(nameof(Vgg19Features))
    {
        var list = new List<nn.Module<Tensor, Tensor>>();
        long channels = 3;
        foreach (int width in Configuration)
        {
            if (width == 0)
            {
                list.Add(nn.MaxPool2d(2, 2));
            }
            else
            {
                list.Add(nn.Conv2d(channels, width, 3, padding: 1));
                list.Add(nn.ReLU());
                channels = width;
            }
        }
        layers = list;
        features = Layers.Indexed(list);
        RegisterComponents();
    }

    /// <summary>Children 0–29 of torchvision's <c>features</c>.</summary>
    public Sequential Features => features;

    /// <summary>Images N×3×H×W (H and W at least 16: four pools) → the five activations, coarsest last.</summary>
    public override Tensor[] forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.shape[1] != 3 || input.shape[2] < 16 || input.shape[3] < 16)
        {
            throw new ArgumentException($"VGG19 features need N×3×H×W images with H, W ≥ 16; got [{string.Join(", ", input.shape)}].", nameof(input));
        }
        var outputs = new Tensor[Taps.Count];
        var x = input;
        for (int i = 0, tap = 0; tap < Taps.Count; i++)
        {
            x = layers[i].call(x);
            if (i == Taps[tap])
            {
                outputs[tap++] = x;
            }
        }
        return outputs;
    }
}
