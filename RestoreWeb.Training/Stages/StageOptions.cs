namespace RestoreWeb.Training.Stages;

/// <summary>Everything a training stage needs to know; defaults are the paper's and the official recipe's.</summary>
public sealed record StageOptions
{
    /// <summary>Architecture preset name: compact (trainable on a CPU) or official.</summary>
    public string Preset { get; init; } = "compact";

    /// <summary>Folder of clean photos (domain Y).</summary>
    public required string CleanPhotos { get; init; }

    /// <summary>Folder of real old photos (domain R); when absent a stand-in degradation is used and reported.</summary>
    public string? RealOldPhotos { get; init; }

    /// <summary>The run folder: checkpoints, metrics, samples, manifest.</summary>
    public required string RunDirectory { get; init; }

    public int Steps { get; init; } = 2000;

    public int BatchSize { get; init; } = 4;

    public int CropSize { get; init; } = 256;

    public double LearningRate { get; init; } = 2e-4;

    public double Beta1 { get; init; } = 0.5;

    public double Beta2 { get; init; } = 0.999;

    /// <summary>Step at which the linear decay starts; null: halfway.</summary>
    public int? DecayStartStep { get; init; }

    /// <summary>α, the weight of the VAE's pixel L1 (the paper's; the released code dropped it).</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>
    /// Weight of the VAEs' KL term mean(z²). The paper writes the KL unweighted (1); the released code's default is 0
    /// (codes then grow until the N(0, I) sampling noise is small beside them). Between the two, MUNIT's 0.01 keeps
    /// the latent space smooth without drowning the code in noise, which a small CPU-trained model needs.
    /// </summary>
    public double KlWeight { get; init; } = 1.0;

    /// <summary>
    /// Standard deviation of the noise added to the VAEs' codes in training (the paper's reparameterisation: 1). The
    /// encoder's code is a sum of instance-normalised terms, so its scale stays within a few units of this noise;
    /// lowering σ tests whether the noise is what limits VAE2's reconstructions (on the starter run it was not the
    /// main limit: σ 0.3 gained about 0.3 dB over σ 1 in 2000 steps).
    /// </summary>
    public double LatentNoise { get; init; } = 1.0;

    /// <summary>λ1, the weight of the mapping's latent L1.</summary>
    public double Lambda1 { get; init; } = 60.0;

    /// <summary>λ2, the weight of discriminator feature matching in the mapping stage.</summary>
    public double Lambda2 { get; init; } = 10.0;

    /// <summary>
    /// Weight of the VAE generators' LSGAN term (the paper's 1). At 0, with feature matching, the KL term and the latent
    /// noise also off, a VAE trains as a plain autoencoder: the way to measure how much of its reconstruction error the
    /// adversarial terms cost.
    /// </summary>
    public double AdversarialWeight { get; init; } = 1.0;

    /// <summary>
    /// Compare a VAE's reconstruction with its input only after giving it the input's channel means and contrast. The
    /// encoder's first instance norm hides those four numbers from the networks (the pipeline puts them back from the
    /// photo, see <c>InputTone</c>), so the plain L1 spends the decoder's effort on guessing them from content.
    /// </summary>
    public bool ToneFreeL1 { get; init; }

    /// <summary>Feature-matching weight of the VAE stages (the official default, 10).</summary>
    public double FeatureMatchingWeight { get; init; } = 10.0;

    /// <summary>
    /// A torchvision VGG19 state dict (.pth) the user supplies; with it the VAE and mapping stages add the official
    /// recipe's VGG perceptual loss on their output images. Null: no perceptual loss (nothing is downloaded).
    /// </summary>
    public string? VggWeights { get; init; }

    /// <summary>Weight of the VGG perceptual loss when <see cref="VggWeights"/> is given (the official lambda_feat, 10).</summary>
    public double VggWeight { get; init; } = 10.0;

    /// <summary>Weight of the latent adversarial loss of VAE1 (real-old codes vs synthetic-old codes).</summary>
    public double LatentAdversarialWeight { get; init; } = 1.0;

    public int Seed { get; init; } = 1234;

    public int CheckpointEvery { get; init; } = 200;

    public int SampleEvery { get; init; } = 200;

    /// <summary>
    /// Threads that make batches (crops and synthetic damage) ahead of the model math; 0: one on the CPU, whose cores
    /// the model math needs, and up to four on a GPU, which one thread could not keep fed (VAE1 at the official widths
    /// and 256-pixel crops waited for data 39 % of the time on an H100). Batch k is the same whichever thread makes it.
    /// </summary>
    public int DataWorkers { get; init; }

    /// <summary>Samples the producer keeps ready ahead of the model math.</summary>
    public int QueueCapacity { get; init; } = 16;

    /// <summary>Fraction of clean photos held out for validation and evaluation (seeded split).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Scratch variant of the mapping stage: holes and masks, half the samples without.</summary>
    public bool Scratch { get; init; }

    public int TorchThreads { get; init; }

    /// <summary>
    /// auto, cpu, cuda or cuda:N (see <see cref="TrainingDevice"/>). The CPU unless asked: code that builds a stage
    /// hands it CPU tensors and expects bit-exact runs; the <c>train</c> command asks for auto.
    /// </summary>
    public string Device { get; init; } = "cpu";
}
