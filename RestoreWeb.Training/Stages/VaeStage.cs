using System.Text.Json.Nodes;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation;
using RestoreWeb.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Stages;

/// <summary>A VAE stage's batch: the images to reconstruct; for VAE1 the first half is R (real old), the rest X.</summary>
public sealed record VaeBatch(IReadOnlyList<RgbImage> Images, int RealOldCount);

/// <summary>
/// Stage 1 (VAE1 on R ∪ X, with the latent discriminator that pulls the codes of R towards those of X) and stage 2
/// (VAE2 on Y). Generator loss: KL + α·L1 + LSGAN + feature matching (+ latent adversarial for VAE1); each
/// discriminator: ½(LSGAN(fake, 0) + LSGAN(real, 1)).
/// </summary>
public sealed class VaeStage : TrainingStage<VaeBatch>
{
    public const string OldPhotos = "vae1";
    public const string CleanPhotos = "vae2";

    private readonly StageData _data;
    private readonly bool _oldPhotos;
    private readonly DegradationSynthesizer _synthetic = new(DegradationOptions.Paper);
    private readonly DegradationSynthesizer _standIn = new(DegradationOptions.RealOldStandIn);
    private readonly VaeGenerator _vae;
    private readonly MultiscaleDiscriminator _discriminator;
    private readonly MultiscaleDiscriminator? _latentDiscriminator;
    private readonly optim.Optimizer _generatorOptimizer;
    private readonly optim.Optimizer _discriminatorOptimizer;
    private readonly IReadOnlyDictionary<string, nn.Module> _modules;
    private readonly IReadOnlyDictionary<string, optim.Optimizer> _optimizers;
    private readonly List<RgbImage> _sampleInputs;
    private readonly List<RgbImage> _validationInputs;

    public VaeStage(StageOptions options, ArchitecturePreset preset, StageData data, bool oldPhotos)
        : base(options, oldPhotos ? OldPhotos : CleanPhotos, usesPerceptualLoss: true)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(data);
        if (oldPhotos && options.BatchSize < 2)
        {
            throw new ArgumentException("VAE1 needs a batch of at least 2: half real old photos, half synthetic ones.");
        }
        _data = data;
        _oldPhotos = oldPhotos;
        random.manual_seed(options.Seed);
        _vae = OnDevice(preset.CreateVae());
        _discriminator = OnDevice(preset.CreateImageDiscriminator(ArchitecturePreset.ImageChannels, spectralNorm: false));
        var modules = new Dictionary<string, nn.Module>(StringComparer.Ordinal) { ["vae"] = _vae, ["discriminator"] = _discriminator };
        var discriminatorParameters = _discriminator.parameters().ToList();
        if (oldPhotos)
        {
            _latentDiscriminator = OnDevice(preset.CreateLatentDiscriminator());
            modules["latent_discriminator"] = _latentDiscriminator;
            discriminatorParameters.AddRange(_latentDiscriminator.parameters());
        }
        _modules = modules;
        _generatorOptimizer = optim.Adam(_vae.parameters(), options.LearningRate, options.Beta1, options.Beta2);
        _discriminatorOptimizer = optim.Adam(discriminatorParameters, options.LearningRate, options.Beta1, options.Beta2);
        _optimizers = new Dictionary<string, optim.Optimizer>(StringComparer.Ordinal)
        {
            ["generator"] = _generatorOptimizer,
            ["discriminator"] = _discriminatorOptimizer,
        };
        _sampleInputs = Enumerable.Range(0, 4).Select(i => SampleInput(i)).ToList();
        _validationInputs = Enumerable.Range(0, ValidationCrops).Select(i => SampleInput(i, "validation")).ToList();
    }

    public VaeGenerator Vae => _vae;

    public override IReadOnlyDictionary<string, nn.Module> Modules => _modules;

    public override IReadOnlyDictionary<string, optim.Optimizer> Optimizers => _optimizers;

    protected override VaeBatch MakeBatch(int index)
    {
        var random = RandomFor(index);
        int realOld = _oldPhotos ? Options.BatchSize / 2 : 0;
        var images = new List<RgbImage>(Options.BatchSize);
        for (int i = 0; i < Options.BatchSize; i++)
        {
            if (i < realOld)
            {
                images.Add(_data.RealOldCrop(random, Options.CropSize, _standIn));
            }
            else
            {
                var clean = _data.CleanCrop(random, Options.CropSize);
                images.Add(_oldPhotos ? _synthetic.Degrade(clean, random.Next()).Degraded : clean);
            }
        }
        return new VaeBatch(images, realOld);
    }

    protected override IReadOnlyDictionary<string, double> TrainStep(VaeBatch batch, int step)
    {
        var images = BatchOf(batch.Images);
        using var noise = NoiseFor(step);

        // Generator (encoder + decoder).
        _generatorOptimizer.zero_grad();
        var latent = _vae.Encode(images);
        var reconstructed = _vae.DecodeWithNoise(latent, noise, Options.LatentNoise);
        var fakeFeatures = _discriminator.call(reconstructed);
        Tensor[][] realFeatures;
        using (no_grad())
        {
            realFeatures = _discriminator.call(images);
        }
        var kl = GanLosses.Kl(latent) * Options.KlWeight;
        var compared = Options.ToneFreeL1 ? TensorImages.WithToneOf(reconstructed, images) : reconstructed;
        var l1 = nn.functional.l1_loss(compared, images) * Options.Alpha;
        var adversarial = GanLosses.LeastSquares(fakeFeatures, real: true) * Options.AdversarialWeight;
        var matching = GanLosses.FeatureMatching(fakeFeatures, realFeatures, Options.FeatureMatchingWeight);
        var generatorLoss = kl + l1 + adversarial + matching;
        var perceptual = PerceptualTerm(reconstructed, images);
        if (perceptual is not null)
        {
            generatorLoss += perceptual;
        }
        Tensor? latentAdversarial = null;
        if (_latentDiscriminator is not null)
        {
            // The encoder is rewarded when real old photos' codes pass for synthetic ones.
            var realOldCodes = latent[..batch.RealOldCount];
            latentAdversarial = GanLosses.LeastSquares(_latentDiscriminator.call(realOldCodes), real: true) * Options.LatentAdversarialWeight;
            generatorLoss += latentAdversarial;
        }
        generatorLoss.backward();
        _generatorOptimizer.step();

        // Discriminators.
        _discriminatorOptimizer.zero_grad();
        var discriminatorLoss = 0.5 * (GanLosses.LeastSquares(_discriminator.call(reconstructed.detach()), real: false)
            + GanLosses.LeastSquares(_discriminator.call(images), real: true));
        Tensor? latentDiscriminatorLoss = null;
        if (_latentDiscriminator is not null)
        {
            var codes = latent.detach();
            latentDiscriminatorLoss = 0.5 * (GanLosses.LeastSquares(_latentDiscriminator.call(codes[..batch.RealOldCount]), real: false)
                + GanLosses.LeastSquares(_latentDiscriminator.call(codes[batch.RealOldCount..]), real: true));
            discriminatorLoss += latentDiscriminatorLoss;
        }
        discriminatorLoss.backward();
        _discriminatorOptimizer.step();

        var losses = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["kl"] = kl.item<float>(),
            ["l1"] = l1.item<float>(),
            ["g_gan"] = adversarial.item<float>(),
            ["g_feat"] = matching.item<float>(),
            ["d"] = discriminatorLoss.item<float>(),
        };
        if (perceptual is not null)
        {
            losses["vgg"] = perceptual.item<float>();
        }
        if (latentAdversarial is not null)
        {
            losses["g_latent"] = latentAdversarial.item<float>();
            losses["d_latent"] = latentDiscriminatorLoss!.item<float>();
        }
        return losses;
    }

    protected override IReadOnlyList<IReadOnlyList<RgbImage>> SampleRows()
    {
        var images = BatchOf(_sampleInputs);
        var reconstructed = _vae.forward(images);
        return _sampleInputs.Select((input, i) => (IReadOnlyList<RgbImage>)[input, TensorImages.ToImage(reconstructed, i)]).ToList();
    }

    /// <summary>Reconstructions of held-out crops (degraded ones for VAE1, clean ones for VAE2), a batch at a time.</summary>
    protected override IReadOnlyList<ValidationPair> ValidationPairs()
    {
        var pairs = new List<ValidationPair>(_validationInputs.Count);
        foreach (var chunk in _validationInputs.Chunk(Options.BatchSize))
        {
            using var scope = NewDisposeScope();
            var reconstructed = _vae.forward(BatchOf(chunk));
            pairs.AddRange(chunk.Select((input, i) => new ValidationPair(TensorImages.ToImage(reconstructed, i), input, input)));
        }
        return pairs;
    }

    protected override void Describe(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest["cleanPhotosSha256"] = _data.Clean.Hash;
        manifest["realOldPhotos"] = _oldPhotos ? _data.RealOldSource : "not used (VAE2 sees clean photos only)";
    }

    private RgbImage SampleInput(int index, string purpose = "sample")
    {
        var random = RandomFor(index, purpose);
        var clean = RandomCropsOfValidation(random);
        return _oldPhotos ? _synthetic.Degrade(clean, random.Next()).Degraded : clean;
    }

    private RgbImage RandomCropsOfValidation(Random random) =>
        Data.RandomCrops.Take(_data.Validation[random.Next(_data.Validation.Count)], Options.CropSize, random);
}
