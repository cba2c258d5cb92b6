using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Networks;

/// <summary>
/// A convolution whose weight is divided by an estimate of its largest singular value, stored the way PyTorch's
/// <c>spectral_norm</c> stores it: parameters <c>bias</c> and <c>weight_orig</c>, buffers <c>weight_u</c> and
/// <c>weight_v</c> (in that key order). σ = uᵀ·W·v with W = weight_orig reshaped to out×(in·k·k).
/// In training mode each forward first runs one power iteration and updates u and v in place; in evaluation mode the
/// stored u and v are used as they are (no iteration, no SVD — stored vectors that are not converged give a
/// different σ than the exact norm, and the official outputs depend on that).
/// </summary>
public sealed class SpectralNormConv2d : nn.Module<Tensor, Tensor>
{
    private const double NormalizeEpsilon = 1e-12;

    private readonly Parameter bias;
    private readonly Parameter weight_orig;
    private readonly Tensor weight_u;
    private readonly Tensor weight_v;

    public SpectralNormConv2d(long input, long output, long kernelSize, long stride, long padding)
        : base(nameof(SpectralNormConv2d))
    {
        Stride = stride;
        Padding = padding;
        // Same initialisation as a plain convolution, then u and v as random unit vectors, as PyTorch does.
        using var template = nn.Conv2d(input, output, kernelSize, stride: stride, padding: padding);
        bias = new Parameter(template.bias!.detach().clone());
        weight_orig = new Parameter(template.weight!.detach().clone());
        using (var u = randn(output))
        using (var v = randn(input * kernelSize * kernelSize))
        {
            weight_u = nn.functional.normalize(u, dim: 0, eps: NormalizeEpsilon);
            weight_v = nn.functional.normalize(v, dim: 0, eps: NormalizeEpsilon);
        }

        RegisterComponents();
    }

    public long Stride { get; }

    public long Padding { get; }

    /// <summary>The unnormalised weight (out×in×k×k).</summary>
    public Parameter WeightOrig => weight_orig;

    public Tensor WeightU => weight_u;

    public Tensor WeightV => weight_v;

    /// <summary>σ from the stored vectors, without updating them.</summary>
    public Tensor Sigma()
    {
        using var matrix = weight_orig.reshape(weight_orig.shape[0], -1);
        using var projected = matrix.mv(weight_v);
        return weight_u.dot(projected);
    }

    /// <summary>weight_orig / σ with the stored vectors (what evaluation mode convolves with).</summary>
    public Tensor NormalizedWeight()
    {
        using var sigma = Sigma();
        return weight_orig / sigma;
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        if (training)
        {
            PowerIteration();
        }

        // u and v are constants for the gradient, and copies: the next training forward updates the buffers in
        // place, which must not touch what autograd saved for this one (PyTorch clones them for the same reason).
        var u = weight_u.detach().clone();
        var v = weight_v.detach().clone();
        var matrix = weight_orig.reshape(weight_orig.shape[0], -1);
        var sigma = u.dot(matrix.mv(v));
        var weight = weight_orig / sigma;
        var output = nn.functional.conv2d(
            input, weight, bias, strides: [Stride, Stride], padding: [Padding, Padding]);
        return output.MoveToOuterDisposeScope();
    }

    private void PowerIteration()
    {
        using var noGrad = no_grad();
        using var matrix = weight_orig.reshape(weight_orig.shape[0], -1);
        using var nextV = nn.functional.normalize(matrix.t().mv(weight_u), dim: 0, eps: NormalizeEpsilon);
        weight_v.copy_(nextV);
        using var nextU = nn.functional.normalize(matrix.mv(weight_v), dim: 0, eps: NormalizeEpsilon);
        weight_u.copy_(nextU);
    }
}
