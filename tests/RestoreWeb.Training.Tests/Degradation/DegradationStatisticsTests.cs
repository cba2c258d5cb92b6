using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Degradation;
using Xunit.Abstractions;

namespace RestoreWeb.Training.Tests.Degradation;

/// <summary>The parameters actually drawn, over many seeds, follow the released v2 recipe.</summary>
public sealed class DegradationStatisticsTests : IClassFixture<DegradationStatisticsTests.Records>
{
    private const int Samples = 2000;
    private readonly IReadOnlyList<DegradationRecord> records;
    private readonly ITestOutputHelper output;

    public DegradationStatisticsTests(Records fixture, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        records = fixture.All;
        this.output = output;
    }

    [Fact]
    public void Each_of_the_four_operations_is_applied_to_about_70_percent_of_samples()
    {
        double blur = Fraction(r => r.Has<GaussianBlurStep>());
        double noise = Fraction(r => r.Has<NoiseStep>());
        double rescale = Fraction(r => r.Has<RescaleStep>());
        double jpeg = Fraction(r => r.Has<JpegStep>());
        output.WriteLine($"over {Samples} seeds: blur {blur:0.000}, noise {noise:0.000}, rescale {rescale:0.000}, JPEG {jpeg:0.000}");

        Assert.InRange(blur, 0.67, 0.73);
        Assert.InRange(noise, 0.67, 0.73);
        Assert.InRange(rescale, 0.67, 0.73);
        Assert.InRange(jpeg, 0.67, 0.73);
    }

    [Fact]
    public void Greyscale_is_applied_to_about_10_percent_of_samples()
    {
        Assert.InRange(Fraction(r => r.Has<GreyscaleStep>()), 0.08, 0.12);
    }

    [Fact]
    public void Holes_are_drawn_in_about_half_of_the_samples()
    {
        Assert.InRange(Fraction(r => r.Has<HolesStep>()), 0.46, 0.54);
    }

    [Fact]
    public void Blur_kernels_are_3_5_or_7_about_equally_and_sigma_spans_1_to_5()
    {
        var blurs = records.Select(r => r.Find<GaussianBlurStep>()).OfType<GaussianBlurStep>().ToList();

        Assert.Equal([3, 5, 7], blurs.Select(b => b.KernelSize).Distinct().Order());
        foreach (int kernel in new[] { 3, 5, 7 })
        {
            Assert.InRange(blurs.Count(b => b.KernelSize == kernel) / (double)blurs.Count, 0.30, 0.37);
        }
        Assert.All(blurs, b => Assert.InRange(b.Sigma, 1.0, 5.0));
        Assert.InRange(blurs.Min(b => b.Sigma), 1.0, 1.05);
        Assert.InRange(blurs.Max(b => b.Sigma), 4.95, 5.0);
        Assert.InRange(blurs.Average(b => b.Sigma), 2.85, 3.15);
    }

    [Fact]
    public void Noise_kinds_are_about_equally_likely_and_stay_in_range()
    {
        var noises = records.Select(r => r.Find<NoiseStep>()).OfType<NoiseStep>().ToList();

        foreach (var kind in Enum.GetValues<NoiseKind>())
        {
            Assert.InRange(noises.Count(n => n.Kind == kind) / (double)noises.Count, 0.29, 0.38);
        }
        var sigmas = noises.OfType<GaussianNoiseStep>().Select(n => n.Sigma)
            .Concat(noises.OfType<SpeckleNoiseStep>().Select(n => n.Sigma)).ToList();
        Assert.All(sigmas, s => Assert.InRange(s, 5 / 255.0, 50 / 255.0));
        Assert.InRange(sigmas.Min(), 5 / 255.0, 6 / 255.0);
        Assert.InRange(sigmas.Max(), 49 / 255.0, 50 / 255.0);
        var salt = noises.OfType<SaltAndPepperStep>().ToList();
        Assert.All(salt, s => Assert.InRange(s.Amount, 0, 0.01));
        Assert.All(salt, s => Assert.InRange(s.SaltFraction, 0.3, 0.8));
        Assert.InRange(salt.Average(s => s.Amount), 0.0045, 0.0055);
    }

    [Fact]
    public void Rescaling_stays_between_half_and_full_size_with_both_filters()
    {
        var rescales = records.Select(r => r.Find<RescaleStep>()).OfType<RescaleStep>().ToList();

        Assert.All(rescales, r => Assert.InRange(r.ScaleX, 0.5, 1.0));
        Assert.All(rescales, r => Assert.InRange(r.ScaleY, 0.5, 1.0));
        Assert.Equal(0.5, rescales.Min(r => r.ScaleX));
        Assert.Equal(1.0, rescales.Max(r => r.ScaleY));
        Assert.InRange(rescales.Count(r => r.Filter == UpscaleFilter.Nearest) / (double)rescales.Count, 0.45, 0.55);
    }

    [Fact]
    public void Jpeg_quality_is_a_whole_number_from_40_to_100()
    {
        var qualities = records.Select(r => r.Find<JpegStep>()).OfType<JpegStep>().Select(j => j.Quality).ToList();

        Assert.All(qualities, q => Assert.InRange(q, 40, 100));
        Assert.Equal(40, qualities.Min());
        Assert.Equal(100, qualities.Max());
        Assert.InRange(qualities.Average(), 68, 72);
    }

    [Fact]
    public void The_four_operations_come_in_every_one_of_the_24_orders()
    {
        var orders = records
            .Select(r => string.Concat(r.Steps.Select(Letter).Where(c => c != ' ')))
            .Where(order => order.Length == 4)
            .ToHashSet();

        Assert.Equal(24, orders.Count);
    }

    [Fact]
    public void Aging_and_structured_damage_follow_their_options()
    {
        var options = DegradationOptions.Paper;

        Assert.InRange(Fraction(r => r.Has<FadingStep>()), options.Aging.FadingProbability - 0.04, options.Aging.FadingProbability + 0.04);
        Assert.InRange(Fraction(r => r.Has<FilmGrainStep>()), options.Aging.FilmGrainProbability - 0.04, options.Aging.FilmGrainProbability + 0.04);
        Assert.InRange(Fraction(r => r.Has<ScratchStep>()), options.Structured.ScratchProbability - 0.03, options.Structured.ScratchProbability + 0.03);
        Assert.InRange(Fraction(r => r.Has<CreaseStep>()), options.Structured.CreaseProbability - 0.03, options.Structured.CreaseProbability + 0.03);
        var scratches = records.SelectMany(r => r.Steps.OfType<ScratchStep>()).ToList();
        Assert.All(scratches, s => Assert.InRange(s.Width, options.Structured.ScratchWidth.Min, options.Structured.ScratchWidth.Max));
        Assert.All(scratches, s => Assert.InRange(s.Opacity, options.Structured.ScratchOpacity.Min, options.Structured.ScratchOpacity.Max));
        Assert.InRange(scratches.Count(s => s.Bright) / (double)scratches.Count, 0.7, 0.8);
        foreach (var mode in Enum.GetValues<RestoreWeb.Training.Degradation.Damage.BlendMode>())
        {
            Assert.InRange(scratches.Count(s => s.Mode == mode) / (double)scratches.Count, 0.29, 0.38);
        }
    }

    private static char Letter(DegradationStep step) => step switch
    {
        GaussianBlurStep => 'B',
        NoiseStep => 'N',
        RescaleStep => 'R',
        JpegStep => 'J',
        _ => ' ',
    };

    private double Fraction(Func<DegradationRecord, bool> predicate) => records.Count(predicate) / (double)records.Count;

    /// <summary>2000 samples of a small image, degraded once for all the tests in this class.</summary>
    public sealed class Records
    {
        public Records()
        {
            var synthesizer = new DegradationSynthesizer(DegradationOptions.Paper);
            RgbImage clean = TestImages.Scene(24, 24);
            All = Enumerable.Range(0, Samples).Select(seed => synthesizer.Degrade(clean, seed).Record).ToList();
        }

        public IReadOnlyList<DegradationRecord> All { get; }
    }
}
