using static TorchSharp.torch;

namespace RestoreWeb.Training.Stages;

/// <summary>The losses of the method: LSGAN with targets 1/0, discriminator feature matching, the VAE's KL term.</summary>
public static class GanLosses
{
    /// <summary>Mean squared distance of every scale's score map to the target (1 = real, 0 = fake), averaged over scales.</summary>
    public static Tensor LeastSquares(Tensor[][] discriminatorOutput, bool real)
    {
        ArgumentNullException.ThrowIfNull(discriminatorOutput);
        Tensor? total = null;
        foreach (var scale in discriminatorOutput)
        {
            var score = scale[^1];
            var target = real ? ones_like(score) : zeros_like(score);
            var loss = nn.functional.mse_loss(score, target);
            total = total is null ? loss : total + loss;
        }
        return total! / discriminatorOutput.Length;
    }

    /// <summary>
    /// L1 between the discriminator's intermediate features on the fake and on the (detached) real input, averaged
    /// over layers and scales as the official pix2pixHD-style loss: weight · Σ_scales Σ_layers (1/scales)(1/layers)·L1.
    /// </summary>
    public static Tensor FeatureMatching(Tensor[][] fake, Tensor[][] real, double weight)
    {
        ArgumentNullException.ThrowIfNull(fake);
        ArgumentNullException.ThrowIfNull(real);
        Tensor? total = null;
        double perScale = 1.0 / fake.Length;
        for (int scale = 0; scale < fake.Length; scale++)
        {
            int layers = fake[scale].Length - 1;
            double perLayer = 1.0 / layers;
            for (int layer = 0; layer < layers; layer++)
            {
                var loss = nn.functional.l1_loss(fake[scale][layer], real[scale][layer].detach()) * (weight * perScale * perLayer);
                total = total is null ? loss : total + loss;
            }
        }
        return total!;
    }

    /// <summary>The official VAE's KL stand-in: mean(z²) pulls the codes towards the origin of N(0, I).</summary>
    public static Tensor Kl(Tensor latent) => latent.pow(2).mean();
}
