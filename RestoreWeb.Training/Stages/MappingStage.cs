using System.Text.Json.Nodes;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation;
using RestoreWeb.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Stages;

/// <summary>A mapping batch: synthetic old photos x, their clean targets y and (scratch variant) the damage masks.</summary>
public sealed record MappingBatch(IReadOnlyList<RgbImage> Degraded, IReadOnlyList<RgbImage> Clean, IReadOnlyList<GrayImage>? Masks);

/// <summary>
/// Stage 3: with both VAEs frozen, the mapping T learns E_B(y) from E_A(x): λ1·‖T(z_x) − z_y‖₁ plus a conditional
/// LSGAN on G_B(T(z_x)) given x, with λ2·feature matching. The scratch variant paints the damage white, gives the
/// mask to the partial non-local block, and uses a spectrally normalised discriminator, as the official recipe.
/// </summary>
public sealed class MappingStage : TrainingStage<MappingBatch>
{
    public const string QualityName = "mapping";
    public const string ScratchName = "mapping_scratch";

    private readonly StageData _data;
    private readonly DegradationSynthesizer _synthesizer;
    private readonly VaeGenerator _vaeA;
    private readonly VaeGenerator _vaeB;
    private readonly nn.Module _mapping;
    private readonly MultiscaleDiscriminator _discriminator;
    private readonly optim.Optimizer _mappingOptimizer;
    private readonly optim.Optimizer _discriminatorOptimizer;
    private readonly IReadOnlyDictionary<string, nn.Module> _modules;
    private readonly IReadOnlyDictionary<string, optim.Optimizer> _optimizers;
    private readonly MappingBatch _samples;
    private readonly IReadOnlyList<MappingBatch> _validation;

    /// <param name="vaeA">Trained VAE1; frozen here.</param>
    /// <param name="vaeB">Trained VAE2; frozen here.</param>
    public MappingStage(StageOptions options, ArchitecturePreset preset, StageData data, VaeGenerator vaeA, VaeGenerator vaeB)
        : base(options, options.Scratch ? ScratchName : QualityName, usesPerceptualLoss: true)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(vaeA);
        ArgumentNullException.ThrowIfNull(vaeB);
        _data = data;
        _synthesizer = new DegradationSynthesizer(options.Scratch
            ? DegradationOptions.Paper
            : DegradationOptions.Paper with { Structured = DegradationOptions.OfficialV2Only.Structured, Holes = HoleOptions.None });
        _vaeA = OnDevice(Freeze(vaeA));
        _vaeB = OnDevice(Freeze(vaeB));
        random.manual_seed(options.Seed);
        _mapping = OnDevice<nn.Module>(options.Scratch ? preset.CreateScratchMapping() : preset.CreateQualityMapping());
        _discriminator = OnDevice(preset.CreateImageDiscriminator(2 * ArchitecturePreset.ImageChannels, spectralNorm: options.Scratch));
        _modules = new Dictionary<string, nn.Module>(StringComparer.Ordinal)
        {
            ["mapping"] = _mapping,
            ["discriminator"] = _discriminator,
        };
        _mappingOptimizer = optim.Adam(_mapping.parameters(), options.LearningRate, options.Beta1, options.Beta2);
        _discriminatorOptimizer = optim.Adam(_discriminator.parameters(), options.LearningRate, options.Beta1, options.Beta2);
        _optimizers = new Dictionary<string, optim.Optimizer>(StringComparer.Ordinal)
        {
            ["mapping"] = _mappingOptimizer,
            ["discriminator"] = _discriminatorOptimizer,
        };
        _samples = Make(RandomFor(0, "sample"), _data.Validation, 4);
        // Batches drawn one after another from one generator: the same crops as one batch of ValidationCrops, in
        // pieces the networks take at once.
        var validationRandom = RandomFor(0, "validation");
        _validation = Enumerable.Range(0, ValidationCrops).Chunk(options.BatchSize)
            .Select(chunk => Make(validationRandom, _data.Validation, chunk.Length)).ToList();
    }

    public nn.Module Mapping => _mapping;

    public override IReadOnlyDictionary<string, nn.Module> Modules => _modules;

    public override IReadOnlyDictionary<string, optim.Optimizer> Optimizers => _optimizers;

    protected override MappingBatch MakeBatch(int index) => Make(RandomFor(index), _data.Train, Options.BatchSize);

    protected override IReadOnlyDictionary<string, double> TrainStep(MappingBatch batch, int step)
    {
        var degraded = BatchOf(batch.Degraded);
        var clean = BatchOf(batch.Clean);
        var mask = batch.Masks is null ? null : MasksOf(batch.Masks);

        Tensor sourceCode, targetCode;
        using (no_grad())
        {
            var input = mask is null ? degraded : degraded * (1 - mask) + mask;
            sourceCode = _vaeA.Encode(input);
            targetCode = _vaeB.Encode(clean);
        }

        _mappingOptimizer.zero_grad();
        var mapped = Map(sourceCode, mask);
        var latentL1 = nn.functional.l1_loss(mapped, targetCode) * Options.Lambda1;
        var restored = _vaeB.Decode(mapped);
        var fakeFeatures = _discriminator.call(cat([degraded, restored], 1));
        Tensor[][] realFeatures;
        using (no_grad())
        {
            realFeatures = _discriminator.call(cat([degraded, clean], 1));
        }
        var adversarial = GanLosses.LeastSquares(fakeFeatures, real: true);
        var matching = GanLosses.FeatureMatching(fakeFeatures, realFeatures, Options.Lambda2);
        var perceptual = PerceptualTerm(restored, clean);
        var mappingLoss = latentL1 + adversarial + matching;
        (perceptual is null ? mappingLoss : mappingLoss + perceptual).backward();
        _mappingOptimizer.step();

        _discriminatorOptimizer.zero_grad();
        var discriminatorLoss = 0.5 * (GanLosses.LeastSquares(_discriminator.call(cat([degraded, restored.detach()], 1)), real: false)
            + GanLosses.LeastSquares(_discriminator.call(cat([degraded, clean], 1)), real: true));
        discriminatorLoss.backward();
        _discriminatorOptimizer.step();

        var losses = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["latent_l1"] = latentL1.item<float>(),
            ["g_gan"] = adversarial.item<float>(),
            ["g_feat"] = matching.item<float>(),
            ["d"] = discriminatorLoss.item<float>(),
        };
        if (perceptual is not null)
        {
            losses["vgg"] = perceptual.item<float>();
        }
        return losses;
    }

    protected override IReadOnlyList<IReadOnlyList<RgbImage>> SampleRows()
    {
        var restored = Restore(_samples.Degraded, _samples.Masks);
        return _samples.Degraded.Select((x, i) => (IReadOnlyList<RgbImage>)[x, TensorImages.ToImage(restored, i), _samples.Clean[i]]).ToList();
    }

    /// <summary>Restorations of held-out synthetic old photos against their clean crops, a batch at a time.</summary>
    protected override IReadOnlyList<ValidationPair> ValidationPairs()
    {
        var pairs = new List<ValidationPair>(ValidationCrops);
        foreach (var batch in _validation)
        {
            using var scope = NewDisposeScope();
            var restored = Restore(batch.Degraded, batch.Masks);
            pairs.AddRange(batch.Clean.Select((clean, i) =>
                new ValidationPair(TensorImages.ToImage(restored, i), clean, batch.Degraded[i], batch.Masks?[i])));
        }
        return pairs;
    }

    /// <summary>The test-time path: damage painted white where masked, E_A, T, then G_B without noise.</summary>
    private Tensor Restore(IReadOnlyList<RgbImage> degradedImages, IReadOnlyList<GrayImage>? masks)
    {
        var degraded = BatchOf(degradedImages);
        var mask = masks is null ? null : MasksOf(masks);
        var input = mask is null ? degraded : degraded * (1 - mask) + mask;
        return _vaeB.Decode(Map(_vaeA.Encode(input), mask));
    }

    protected override void Describe(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest["cleanPhotosSha256"] = _data.Clean.Hash;
        manifest["variant"] = Options.Scratch ? "scratch: holes and structured damage, masks to the partial non-local block" : "quality: unstructured damage";
    }

    private Tensor Map(Tensor code, Tensor? mask) => _mapping switch
    {
        MaskedMappingNetwork masked => masked.call(code, mask ?? zeros(code.shape[0], 1, code.shape[2] * 4, code.shape[3] * 4, device: code.device)),
        MappingNetwork plain => plain.call(code),
        _ => throw new InvalidOperationException($"Unexpected mapping network {_mapping.GetType().Name}."),
    };

    private MappingBatch Make(Random random, IReadOnlyList<RgbImage> photos, int count)
    {
        var degraded = new List<RgbImage>(count);
        var clean = new List<RgbImage>(count);
        var masks = Options.Scratch ? new List<GrayImage>(count) : null;
        for (int i = 0; i < count; i++)
        {
            var crop = Data.RandomCrops.Take(photos[random.Next(photos.Count)], Options.CropSize, random);
            var sample = _synthesizer.Degrade(crop, random.Next());
            degraded.Add(sample.Degraded);
            clean.Add(sample.Target);
            masks?.Add(sample.ScratchMask);
        }
        return new MappingBatch(degraded, clean, masks);
    }

    private static VaeGenerator Freeze(VaeGenerator vae)
    {
        vae.eval();
        foreach (var parameter in vae.parameters())
        {
            parameter.requires_grad = false;
        }
        return vae;
    }
}
